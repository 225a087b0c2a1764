/**
 * The API's answers to input it must refuse, in-process (the loopback suite is test/integration/hostile-input):
 * undeclared methods (405 + Allow), non-JSON bodies (415), operator-shaped query names, operator characters in
 * search, ".." in photo ids, unbounded backfills, and a schedule that was never applied — each a 4xx in the
 * contract's error shape, never a 500, and decided before any service is reached.
 */
import { ScheduleNotFoundError } from '@temporalio/client';
import { describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import { mintToken } from '../../contract/mint-token.js';
import type { ApiServices } from '../../api/services/api-services.js';

const jwt = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };

/** Services that fail the test if reached, except the ones a case names. */
function services(reached: string[], overrides: Partial<ApiServices> = {}): ApiServices {
  const trap = (name: string) =>
    new Proxy(
      {},
      {
        get: (_t, prop) => () => {
          reached.push(`${name}.${String(prop)}`);
          throw new Error(`${name}.${String(prop)} reached`);
        },
      },
    );
  return {
    assessments: trap('assessments'),
    results: trap('results'),
    portfolio: trap('portfolio'),
    photos: trap('photos'),
    readiness: async () => ({
      mongodb: { ok: true, latency_ms: 1 },
      redis: { ok: true, latency_ms: 1 },
      temporal: { ok: true, latency_ms: 1 },
    }),
    rateLimiter: {
      check: async (_k: string, limit: number) => ({ allowed: true, limit, remaining: limit, resetAt: 0, store: 'local' as const }),
    },
    ...overrides,
  } as ApiServices;
}

async function call(app: ReturnType<typeof newApp>, method: string, path: string, init: { body?: string; contentType?: string } = {}) {
  const token = await mintToken(jwt, { sub: 'a', role: 'admin', facilities: ['*'] });
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  if (init.contentType) headers['content-type'] = init.contentType;
  const res = await app.request(path, { method, headers, ...(init.body !== undefined ? { body: init.body } : {}) });
  const body = (await res.json()) as { error: { code: string; details: string | null; request_id: string } };
  expect(body.error.request_id).toBe(res.headers.get('x-request-id'));
  return { res, error: body.error };
}

describe('input the API must refuse', () => {
  it('should answer an undeclared method on a known resource with 405 and Allow, and an unknown path with 404', async () => {
    const reached: string[] = [];
    const app = newApp({ services: services(reached), jwt });
    const del = await call(app, 'DELETE', '/v1/facilities/fac-00001');
    expect(del.res.status).toBe(405);
    expect(del.error.code).toBe('METHOD_NOT_ALLOWED');
    expect(del.res.headers.get('allow')).toBe('GET, HEAD');
    const put = await call(app, 'PUT', '/v1/assessments/asm_x/cancel');
    expect(put.res.headers.get('allow')).toBe('POST');
    expect((await call(app, 'GET', '/v1/nothing-here')).error.code).toBe('ROUTE_NOT_FOUND');
    expect(reached).toEqual([]);
  });

  it('should answer a body that is not JSON with 415, not 500', async () => {
    const reached: string[] = [];
    const app = newApp({ services: services(reached), jwt, logError: () => reached.push('logged as a server error') });
    for (const path of ['/v1/portfolio/assessments', '/v1/portfolio/schedule/backfill']) {
      const r = await call(app, 'POST', path, { body: 'force=true', contentType: 'application/x-www-form-urlencoded' });
      expect(r.res.status, path).toBe(415);
      expect(r.error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
    }
    expect(reached).toEqual([]);
  });

  it('should refuse operator-shaped query names, operator characters in search, and ".." in photo ids', async () => {
    const reached: string[] = [];
    const app = newApp({ services: services(reached), jwt });
    for (const path of [
      '/v1/facilities?id[$ne]=x',
      '/v1/assessments?$where=1',
      '/v1/facilities/fac-00001?facility_id[$gt]=',
      '/v1/facilities?search=%7B%22%24ne%22%3Anull%7D',
      '/v1/photos/...',
      '/v1/photos/a..b/thumbnail',
      '/v1/assessments/%7B%22%24ne%22%3Anull%7D',
    ]) {
      const r = await call(app, 'GET', path);
      expect(r.res.status, path).toBe(400);
      expect(r.error.code).toBe('VALIDATION_ERROR');
    }
    expect(reached).toEqual([]);
  });

  it('should refuse a backfill outside 1-31 days or before 1970, before reaching Temporal', async () => {
    const reached: string[] = [];
    const app = newApp({ services: services(reached), jwt });
    for (const body of [
      { start: '2026-01-01T00:00:00Z', days: 0 },
      { start: '2026-01-01T00:00:00Z', days: 32 },
      { start: '1969-12-01T00:00:00Z', days: 1 },
      { start: '2026-01-01T00:00:00Z', end: '2036-01-01T00:00:00Z' },
    ]) {
      const r = await call(app, 'POST', '/v1/portfolio/schedule/backfill', { body: JSON.stringify(body), contentType: 'application/json' });
      expect(r.res.status, JSON.stringify(body)).toBe(400);
    }
    expect(reached).toEqual([]);
  });

  it('should answer 404 naming the fix when the portfolio schedule was never applied', async () => {
    const controlSchedule = async () => {
      throw new ScheduleNotFoundError('workflow not found', 'portfolio-reassessment');
    };
    const app = newApp({
      services: services([], { portfolio: { controlSchedule } as never }),
      jwt,
      logError: () => {
        throw new Error('a 404 is not a server error');
      },
    });
    for (const [method, path] of [
      ['GET', '/v1/portfolio/schedule'],
      ['POST', '/v1/portfolio/schedule/pause'],
      ['POST', '/v1/portfolio/schedule/trigger'],
    ] as const) {
      const r = await call(app, method, path);
      expect(r.res.status, path).toBe(404);
      expect(r.error.code).toBe('RESOURCE_NOT_FOUND');
      expect(r.error.details).toContain('masterbus schedule apply');
    }
  });
});
