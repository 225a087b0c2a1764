import { describe, expect, it } from 'vitest';
import { modelFingerprints } from '../../domain/model-fingerprints.js';
import { MODEL, MODEL_VERSION, type Sourced } from '../../domain/model-table.js';
import { modelFingerprint as fingerprint, outcomeHash } from '../support/model-fingerprint.js';

function sourcedEntries(node: unknown, path: string[] = []): [string, Sourced<unknown>][] {
  if (node === null || typeof node !== 'object') return [];
  if ('value' in node && 'source' in node) return [[path.join('.'), node as Sourced<unknown>]];
  return Object.entries(node).flatMap(([k, v]) => sourcedEntries(v, [...path, k]));
}

describe('the versioned model', () => {
  it('should not change its numbers or its rules without a new model version (table + golden outcomes fingerprinted per version)', () => {
    const now = fingerprint();
    expect(modelFingerprints[MODEL_VERSION], `no fingerprint recorded for model ${MODEL_VERSION} (this build: ${now})`).toBeDefined();
    expect(now, 'what the model computes changed: bump MODEL_VERSION and record this fingerprint in domain/model-fingerprints.ts').toBe(
      modelFingerprints[MODEL_VERSION],
    );
  });

  it('should see a behaviour change in the golden outcomes themselves, not only in the table', () => {
    const before = outcomeHash();
    const minLoad = MODEL.evidence.infraredMinLoadPercent as { value: number };
    const saved = minLoad.value;
    minLoad.value = 50; // scans at 35–50 % load become inconclusive: schedules and heat findings move
    try {
      expect(outcomeHash()).not.toBe(before);
    } finally {
      minLoad.value = saved;
    }
    expect(outcomeHash()).toBe(before);
  });

  it('should give every number a source note', () => {
    const entries = sourcedEntries(MODEL);
    expect(entries.length).toBeGreaterThan(50);
    for (const [path, entry] of entries) expect(entry.source.length, path).toBeGreaterThan(15);
  });

  it('should keep maintenance intervals non-increasing from condition 1 to 3', () => {
    for (const [type, reqs] of Object.entries(MODEL.maintenance.requirements)) {
      for (const r of reqs) {
        const [c1, c2, c3] = r.intervals.value;
        expect(c1 >= c2 && c2 >= c3, `${type}.${r.task}`).toBe(true);
      }
    }
  });
});
