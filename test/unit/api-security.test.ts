import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import { cachedProbe } from '../../api/services/readiness.js';
import { mintToken } from '../../contract/mint-token.js';
import type { ApiServices } from '../../api/services/api-services.js';
import type { AssessmentService } from '../../api/services/assessment-service.js';
import type { ResultsReader } from '../../api/services/results-reader.js';
import type { PortfolioService } from '../../api/services/portfolio-service.js';
import type { WebhookService } from '../../api/services/webhook-service.js';
import { mayAccess } from '../../api/security/access.js';
import type { Principal } from '../../api/security/principal.js';

const jwt = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };

/** Services that record calls: security must decide before any of them is reached. */
function recordingServices() {
  const calls: string[] = [];
  const services = {
    assessments: {
      start: async (facilityId: string) => {
        calls.push(`start ${facilityId}`);
        throw new Error('not wired in this test');
      },
      get: async (id: string) => {
        calls.push(`get ${id}`);
        return null;
      },
    } as unknown as AssessmentService,
    // Visibility follows the real policy; only reads of visible data are recorded.
    results: {
      facilityVisible: async (p: Principal, facilityId: string) => mayAccess(p, facilityId),
      facilityResource: async (p: Principal, facilityId: string, resource: string) => {
        if (!mayAccess(p, facilityId)) return { kind: 'not_visible' };
        calls.push(`${resource} ${facilityId}`);
        return { kind: 'not_assessed' };
      },
    } as unknown as ResultsReader,
    photos: { photo: async () => new Response('') },
    portfolio: { get: async () => null } as unknown as PortfolioService,
    webhooks: {} as unknown as WebhookService,
    rateLimiter: {
      check: async (_k: string, limit: number) => ({
        allowed: true,
        limit,
        remaining: limit - 1,
        resetAt: Math.floor(Date.now() / 1000) + 60,
        store: 'local' as const,
      }),
    },
    readiness: async () => ({
      mongodb: { ok: true, latency_ms: 1 },
      redis: { ok: false, latency_ms: 2, error: 'down' },
      temporal: { ok: true, latency_ms: 1 },
    }),
  } satisfies ApiServices;
  return { services, calls };
}

const routes = [
  { method: 'POST', path: '/v1/facilities/fac-00001/assessments' },
  { method: 'GET', path: '/v1/assessments/asm_x' },
  { method: 'GET', path: '/v1/facilities/fac-00001/risks' },
];

async function errorOf(res: Response) {
  const body = (await res.json()) as { error: { code: string; message: string; details: string | null; request_id: string } };
  return body.error;
}

describe('JWT authentication on every /v1 route', () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'u1', role: 'admin', facilities: ['*'], iss: jwt.issuer, aud: jwt.audience, exp: now + 600, nbf: now - 5 };
  const cases: [string, () => Promise<string | null>][] = [
    ['a missing token', async () => null],
    ['a token signed with another secret', () => sign(claims, 'another-secret-another-secret-another-1', 'HS256')],
    ['an expired token', () => sign({ ...claims, exp: now - 60 }, jwt.secret, 'HS256')],
    ['a token not valid yet', () => sign({ ...claims, nbf: now + 600 }, jwt.secret, 'HS256')],
    ['a token from another issuer', () => sign({ ...claims, iss: 'evil' }, jwt.secret, 'HS256')],
    ['a token for another audience', () => sign({ ...claims, aud: 'other-api' }, jwt.secret, 'HS256')],
    ['a token without a role', () => sign({ ...claims, role: undefined }, jwt.secret, 'HS256')],
    ['a token with an unknown role', () => sign({ ...claims, role: 'superuser' }, jwt.secret, 'HS256')],
    ['a token without exp', () => sign({ ...claims, exp: undefined }, jwt.secret, 'HS256')],
    [
      'an unsigned token (alg none)',
      async () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
    ],
    ['a HS512 token (algorithm not pinned one)', () => sign(claims, jwt.secret, 'HS512')],
    [
      'a tampered payload',
      async () => {
        const [h, , s] = (await sign(claims, jwt.secret, 'HS256')).split('.');
        return `${h}.${Buffer.from(JSON.stringify({ ...claims, sub: 'someone-else' })).toString('base64url')}.${s}`;
      },
    ],
    ['garbage', async () => 'not-a-jwt'],
  ];

  for (const [what, make] of cases) {
    it(`should reject ${what} with 401 in the contract's error shape, on every route`, async () => {
      const { services, calls } = recordingServices();
      const app = newApp({ services, jwt });
      const token = await make();
      for (const r of routes) {
        const res = await app.request(r.path, { method: r.method, headers: token ? { authorization: `Bearer ${token}` } : {} });
        expect(res.status, `${r.method} ${r.path}`).toBe(401);
        expect(res.headers.get('www-authenticate')).toContain('Bearer');
        const err = await errorOf(res);
        expect(err.code).toBe('UNAUTHORIZED');
        expect(err.message.length).toBeGreaterThan(5);
        expect(err.request_id).toBe(res.headers.get('x-request-id'));
      }
      expect(calls).toEqual([]);
    });
  }

  it('should accept a valid token', async () => {
    const { services, calls } = recordingServices();
    const app = newApp({ services, jwt });
    const token = await mintToken(jwt, { sub: 'u1', role: 'viewer', facilities: ['fac-00001'] });
    const res = await app.request('/v1/facilities/fac-00001/risks', { headers: { authorization: `Bearer ${token}` } });
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('NO_ASSESSMENT_YET');
    expect(calls).toEqual(['risks fac-00001']);
  });
});

describe('roles and facility access', () => {
  it('should forbid a viewer from starting an assessment (403)', async () => {
    const { services, calls } = recordingServices();
    const app = newApp({ services, jwt });
    const token = await mintToken(jwt, { sub: 'v', role: 'viewer', facilities: ['*'] });
    const res = await app.request('/v1/facilities/fac-00001/assessments', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(403);
    expect((await errorOf(res)).code).toBe('FORBIDDEN');
    expect(calls).toEqual([]);
  });

  it('should answer 404, never 403, for a facility outside the token, so its existence does not leak', async () => {
    const { services, calls } = recordingServices();
    const app = newApp({ services, jwt });
    const token = await mintToken(jwt, { sub: 'a', role: 'assessor', facilities: ['fac-00001'] });
    for (const [method, path] of [
      ['POST', '/v1/facilities/fac-00002/assessments'],
      ['GET', '/v1/facilities/fac-00002/risks'],
    ] as const) {
      const res = await app.request(path, { method, headers: { authorization: `Bearer ${token}` } });
      expect(res.status).toBe(404);
      expect((await errorOf(res)).code).toBe('RESOURCE_NOT_FOUND');
    }
    expect(calls).toEqual([]);
  });
});

describe('errors and public routes', () => {
  it('should validate path parameters with a 400 naming the field', async () => {
    const { services } = recordingServices();
    const app = newApp({ services, jwt });
    const token = await mintToken(jwt, { sub: 'a', role: 'admin', facilities: ['*'] });
    const res = await app.request(`/v1/facilities/${encodeURIComponent('fac$where')}/risks`, {
      headers: { authorization: `Bearer ${token}` },
    });
    expect(res.status).toBe(400);
    const err = await errorOf(res);
    expect(err.code).toBe('VALIDATION_ERROR');
    expect(err.details).toContain('facility_id');
  });

  it('should answer unknown routes with the error shape', async () => {
    const { services } = recordingServices();
    const res = await newApp({ services, jwt }).request('/nope');
    expect(res.status).toBe(404);
    expect((await errorOf(res)).code).toBe('ROUTE_NOT_FOUND');
  });

  it('should turn an unexpected failure into a 500 with the request id and no stack trace', async () => {
    const { services } = recordingServices();
    const logged: string[] = [];
    const app = newApp({ services, jwt, logError: (_e, rid) => logged.push(rid) });
    const token = await mintToken(jwt, { sub: 'a', role: 'admin', facilities: ['*'] });
    const res = await app.request('/v1/facilities/fac-00001/assessments', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'x-request-id': 'req-123' },
    });
    expect(res.status).toBe(500);
    const text = await res.text();
    expect(text).not.toContain('not wired in this test');
    expect(text).not.toMatch(/at .*\.ts:\d+/);
    // The id is the server's (echoed in X-Request-Id), not the client's 'req-123'.
    const rid = res.headers.get('x-request-id')!;
    expect(rid).not.toBe('req-123');
    expect(JSON.parse(text).error).toMatchObject({ code: 'INTERNAL_ERROR', request_id: rid });
    expect(logged).toEqual([rid]);
  });

  it('should serve /healthz and the OpenAPI document without a token, and /readyz naming what is degraded', async () => {
    const { services } = recordingServices();
    const app = newApp({ services, jwt });
    expect((await app.request('/healthz')).status).toBe(200);
    const ready = await app.request('/readyz');
    expect(ready.status).toBe(503);
    const readiness = (await ready.json()) as { dependencies: Record<string, unknown> };
    expect(readiness).toMatchObject({ status: 'degraded', degraded: ['redis'], dependencies: { redis: { ok: false, latency_ms: 2 } } });
    expect(readiness.dependencies['redis']).not.toHaveProperty('error'); // no internal detail to an anonymous caller
    const doc = (await (await app.request('/v1/openapi.json')).json()) as {
      openapi: string;
      paths: Record<string, unknown>;
      components: { securitySchemes: Record<string, unknown> };
    };
    expect(doc.openapi).toBe('3.1.0');
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        '/v1/facilities/{facility_id}/assessments',
        '/v1/assessments/{assessment_id}',
        '/v1/facilities/{facility_id}/risks',
      ]),
    );
    expect(doc.components.securitySchemes['bearerAuth']).toMatchObject({ type: 'http', scheme: 'bearer' });
    const docs = await app.request('/docs');
    expect(docs.status).toBe(200);
    expect(docs.headers.get('content-type')).toContain('text/html');
    expect(await docs.text()).toContain('/v1/openapi.json');
  });
});

describe('readiness under a flood of probes', () => {
  const status = { ok: true, latency_ms: 1 };
  it('should check the backends once per interval however many probes arrive, and see a change within it', async () => {
    let checks = 0;
    let redisUp = true;
    let clock = 0;
    const probe = cachedProbe(
      async () => {
        checks += 1;
        return { mongodb: status, redis: { ...status, ok: redisUp }, temporal: status };
      },
      1_000,
      () => clock,
    );
    const app = newApp({ services: { ...recordingServices().services, readiness: probe }, jwt });
    const answers = await Promise.all(Array.from({ length: 200 }, () => app.request('/readyz')));
    expect(answers.every((r) => r.status === 200)).toBe(true);
    expect(checks).toBe(1);
    redisUp = false;
    clock = 999;
    expect((await app.request('/readyz')).status, 'still within the interval').toBe(200);
    clock = 2_100;
    expect((await app.request('/readyz')).status, 'the next interval sees Redis down').toBe(503);
    expect(checks).toBe(2);
  });
});
