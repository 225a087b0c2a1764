/** Every explanation names a rule that exists in the versioned table, and the OpenAPI document shows one. */
import { describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import type { ApiServices } from '../../api/services/api-services.js';
import { RULES } from '../../domain/factor-rules.js';
import { MODEL } from '../../domain/model-table.js';
import { zExplainedRiskFactor } from '../../domain/read-models.js';

const entryAt = (path: string): unknown =>
  path.split('.').reduce<unknown>((o, k) => (o as Record<string, unknown> | undefined)?.[k], MODEL);

describe('factor rules', () => {
  it("should name a model-table entry for every rule, citing that entry's source", () => {
    for (const r of Object.values(RULES)) {
      const entry = entryAt(r.rule) as { source?: string } | undefined;
      expect(entry?.source, r.rule).toBe(r.citation);
    }
  });

  it('should document the explained factor with a valid example in the OpenAPI document, and the what-if route', async () => {
    const hs = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };
    const services = {
      rateLimiter: { check: async (_k: string, limit: number) => ({ allowed: true, limit, remaining: limit, resetAt: 0, store: 'local' }) },
    } as unknown as ApiServices;
    const doc = (await (await newApp({ services, jwt: hs }).request('/v1/openapi.json')).json()) as {
      paths: Record<string, Record<string, unknown>>;
    };
    const text = JSON.stringify(doc);
    const example = zExplainedRiskFactor.meta()?.example as Record<string, unknown>;
    expect(zExplainedRiskFactor.parse(example)).toEqual(example);
    expect(entryAt(example.rule as string)).toMatchObject({ source: example.citation });
    expect(text).toContain(JSON.stringify(example.citation));
    expect(doc.paths['/v1/facilities/{facility_id}/what-if']?.post).toBeDefined();
    for (const field of ['"contribution"', '"forecast_trend"', '"high_on"', '"plan"', '"model_version"', '"reconstructed"'])
      expect(text).toContain(field);
  });
});
