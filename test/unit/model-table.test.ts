import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { modelFingerprints } from '../../domain/model-fingerprints.js';
import { MODEL, MODEL_VERSION, type Sourced } from '../../domain/model-table.js';

const fingerprint = () => createHash('sha256').update(JSON.stringify(MODEL)).digest('hex');

function sourcedEntries(node: unknown, path: string[] = []): [string, Sourced<unknown>][] {
  if (node === null || typeof node !== 'object') return [];
  if ('value' in node && 'source' in node) return [[path.join('.'), node as Sourced<unknown>]];
  return Object.entries(node).flatMap(([k, v]) => sourcedEntries(v, [...path, k]));
}

describe('the versioned model table', () => {
  it('should not change without a new model version (fingerprint recorded per version)', () => {
    expect(modelFingerprints[MODEL_VERSION], `no fingerprint recorded for model ${MODEL_VERSION}`).toBeDefined();
    expect(fingerprint(), 'the model table changed: bump MODEL_VERSION and record its fingerprint in domain/model-fingerprints.ts').toBe(modelFingerprints[MODEL_VERSION]);
  });

  it('should give every number a source note', () => {
    const entries = sourcedEntries(MODEL);
    expect(entries.length).toBeGreaterThan(30);
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
