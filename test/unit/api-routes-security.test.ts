/**
 * The shared security suite, run against every authenticated route the OpenAPI document lists: missing, expired,
 * wrongly signed, unsigned (alg none), wrong-audience and oversize tokens → 401; too small a role → 403; a
 * facility outside the caller's policy → 404 — always in the contract's error shape, before any data is read.
 * Plus RS256 / ES256 / JWKS verification and the clock-skew leeway.
 */
import { exportJWK, generateKeyPairSync } from '../support/keys.js';
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import { mintToken } from '../../contract/mint-token.js';
import { mayAccess } from '../../api/security/access.js';
import type { Principal } from '../../api/security/principal.js';
import type { ApiServices } from '../../api/services/api-services.js';
import type { AssessmentService } from '../../api/services/assessment-service.js';
import type { ResultsReader } from '../../api/services/results-reader.js';
import type { PortfolioService } from '../../api/services/portfolio-service.js';
import type { WebhookService } from '../../api/services/webhook-service.js';
import type { JwtSettings } from '../../api/security/authenticate.js';

const hs = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };
const record = {
  _id: 'asm_x',
  facility_id: 'fac-00001',
  workflow_id: 'w',
  run_id: 'r',
  status: 'running',
  trigger: 'api',
  requested_by: 'u',
  requested_at: new Date(),
  started_at: null,
  completed_at: null,
  updated_at: new Date(),
  progress: { phase: 'fetching', percent: 10 },
  snapshot_id: null,
  snapshot_hash: null,
  model_version: null,
  result: null,
  error: null,
  start_token: 't',
};

function services(reads: string[]): ApiServices {
  const visible = async (p: Principal, id: string) => mayAccess(p, id);
  return {
    assessments: {
      get: async (id: string) => (id === 'asm_x' ? record : null),
      startIdempotent: async () => {
        reads.push('start');
        throw new Error('stop');
      },
      cancel: async () => {
        reads.push('cancel');
      },
      list: async () => {
        reads.push('list');
        return { total: 0, items: [] };
      },
    } as unknown as AssessmentService,
    results: {
      facilityVisible: visible,
      visibleFacilityIds: async () => [],
      photoFacility: async () => null,
      facilityResource: async (p: Principal, id: string) => {
        if (!mayAccess(p, id)) return { kind: 'not_visible' };
        reads.push(`resource ${id}`);
        return { kind: 'not_assessed' };
      },
      listEquipment: async (p: Principal, id: string) =>
        mayAccess(p, id) ? (reads.push(`equipment ${id}`), { kind: 'not_assessed' }) : { kind: 'not_visible' },
      listFacilities: async () => {
        reads.push('facilities');
        return { total: 0, page: 1, limit: 20, items: [] };
      },
      equipment: async () => null,
      whatIf: async (p: Principal, id: string) =>
        mayAccess(p, id) ? (reads.push(`what-if ${id}`), { kind: 'not_assessed' }) : { kind: 'not_visible' },
      portfolio: async () => {
        reads.push('portfolio');
        throw new Error('stop');
      },
    } as unknown as ResultsReader,
    photos: { photo: async () => new Response('') },
    portfolio: {
      start: async () => {
        reads.push('portfolio start');
        throw new Error('stop');
      },
      get: async () => null,
      cancel: async () => {
        reads.push('portfolio cancel');
      },
      schedule: () => {
        reads.push('schedule');
        throw new Error('stop');
      },
    } as unknown as PortfolioService,
    // Any webhook call is recorded: none may happen for a refused request.
    webhooks: new Proxy(
      {},
      {
        get: (_t, name) => async () => {
          reads.push(`webhooks ${String(name)}`);
          throw new Error('stop');
        },
      },
    ) as unknown as WebhookService,
    readiness: async () => ({
      mongodb: { ok: true, latency_ms: 1 },
      redis: { ok: true, latency_ms: 1 },
      temporal: { ok: true, latency_ms: 1 },
    }),
    rateLimiter: {
      check: async (_k: string, limit: number) => ({ allowed: true, limit, remaining: limit, resetAt: 0, store: 'local' as const }),
    },
  };
}

async function routesOf(app: ReturnType<typeof newApp>) {
  const doc = (await (await app.request('/v1/openapi.json')).json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  const out: { method: string; path: string; template: string }[] = [];
  for (const [template, ops] of Object.entries(doc.paths)) {
    for (const [method, op] of Object.entries(ops)) {
      if (!op.security?.length) continue;
      const path = template
        .replace('{facility_id}', 'fac-00002')
        .replace('{assessment_id}', 'asm_x')
        .replace('{equipment_id}', 'fac-00002-eq-0001')
        .replace('{photo_id}', 'ph-fac-00002-1');
      out.push({ method: method.toUpperCase(), path, template });
    }
  }
  return out;
}

describe('every authenticated route', () => {
  const now = Math.floor(Date.now() / 1000);
  const claims = { sub: 'u1', role: 'admin', facilities: ['*'], iss: hs.issuer, aud: hs.audience, exp: now + 600, nbf: now - 5 };
  const attacks: [string, () => Promise<string | null>][] = [
    ['no token', async () => null],
    ['an expired token', () => sign({ ...claims, exp: now - 600 }, hs.secret, 'HS256')],
    ['a wrong signature', () => sign(claims, 'x'.repeat(40), 'HS256')],
    [
      'alg none',
      async () =>
        `${Buffer.from('{"alg":"none","typ":"JWT"}').toString('base64url')}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.`,
    ],
    ['a wrong audience', () => sign({ ...claims, aud: 'someone-else' }, hs.secret, 'HS256')],
    ['an oversize token', async () => `${await sign(claims, hs.secret, 'HS256')}${'A'.repeat(9_000)}`],
  ];

  it('should be at least the twelve contract and assessment routes', async () => {
    const routes = await routesOf(newApp({ services: services([]), jwt: hs }));
    expect(routes.length).toBeGreaterThanOrEqual(12);
  });

  for (const [what, make] of attacks) {
    it(`should answer 401 to ${what}, reading nothing`, async () => {
      const reads: string[] = [];
      const app = newApp({ services: services(reads), jwt: hs });
      const token = await make();
      for (const r of await routesOf(app)) {
        const res = await app.request(r.path, { method: r.method, headers: token ? { authorization: `Bearer ${token}` } : {} });
        expect(res.status, `${r.method} ${r.template}`).toBe(401);
        const body = (await res.json()) as { error: { code: string; request_id: string } };
        expect(body.error.code).toBe('UNAUTHORIZED');
        expect(body.error.request_id).toBeTruthy();
      }
      expect(reads).toEqual([]);
    });
  }

  it('should answer 404 for a facility outside the policy on every facility-scoped route, reading nothing', async () => {
    const reads: string[] = [];
    const app = newApp({ services: services(reads), jwt: hs });
    const token = await mintToken(hs, { sub: 'a', role: 'admin', facilities: ['fac-00001'] });
    for (const r of (await routesOf(app)).filter(
      (x) =>
        x.template.includes('{facility_id}') ||
        x.template.includes('{assessment_id}') ||
        x.template.includes('{equipment_id}') ||
        x.template.includes('{photo_id}'),
    )) {
      const path = r.path.replace('asm_x', 'asm_y');
      const res = await app.request(path, { method: r.method, headers: { authorization: `Bearer ${token}` } });
      expect(res.status, `${r.method} ${r.template}`).toBe(404);
    }
    expect(reads).toEqual([]);
  });

  it('should answer 403 to a viewer on routes that change things', async () => {
    const reads: string[] = [];
    const app = newApp({ services: services(reads), jwt: hs });
    const token = await mintToken(hs, { sub: 'v', role: 'viewer', facilities: ['*'] });
    // What-if is a POST that writes nothing: any role may read it.
    const writes = (await routesOf(app)).filter((r) => r.method === 'POST' && !r.template.endsWith('/what-if'));
    expect(writes.length).toBeGreaterThanOrEqual(2);
    for (const r of writes) {
      const res = await app.request(r.path, { method: 'POST', headers: { authorization: `Bearer ${token}` } });
      expect(res.status, r.template).toBe(403);
    }
    expect(reads).toEqual([]);
  });
});

describe('a facility-scoped admin', () => {
  const globalTemplate = /^\/v1\/(portfolio\/assessments|portfolio\/schedule)/;

  it('should be refused every act of global administration (portfolio runs, the schedule, the codec), reading nothing', async () => {
    const reads: string[] = [];
    const app = newApp({
      services: services(reads),
      jwt: hs,
      codec: {
        codec: { encode: async (p: unknown[]) => p, decode: async (p: unknown[]) => p } as never,
        uiOrigin: 'http://127.0.0.1:8233',
        allowAnonymous: false,
      },
    });
    const scoped = await mintToken(hs, { sub: 'tenant-a-admin', role: 'admin', facilities: ['fac-00001'] });
    const global = (await routesOf(app)).filter((r) => globalTemplate.test(r.template));
    expect(global.length).toBeGreaterThanOrEqual(3);
    for (const r of global) {
      const path = r.path.replace('{subscription_id}', 'whs_x').replace('{delivery_id}', 'whd_x');
      const res = await app.request(path, {
        method: r.method,
        headers: { authorization: `Bearer ${scoped}`, 'content-type': 'application/json' },
        ...(r.method === 'POST' ? { body: '{}' } : {}),
      });
      expect(res.status, `${r.method} ${r.template}`).toBe(403);
      const body = (await res.json()) as { error: { code: string; details: string } };
      expect(body.error.details).toMatch(/limited to some facilities/);
    }
    const codec = await app.request('/codec/decode', {
      method: 'POST',
      headers: { authorization: `Bearer ${scoped}`, 'content-type': 'application/json' },
      body: JSON.stringify({ payloads: [] }),
    });
    expect(codec.status).toBe(403);
    expect(reads).toEqual([]);
  });

  it('should see a portfolio run only as far as its facilities go, and never cancel one', async () => {
    const reads: string[] = [];
    const at = new Date('2026-11-30T02:00:00Z');
    const record = {
      _id: 'prt_x',
      workflow_id: 'portfolio/prt_x',
      run_id: 'r',
      status: 'completed',
      trigger: 'schedule',
      requested_by: 'ops',
      requested_at: at,
      completed_at: at,
      force: false,
      counts: { assessed: 998, failed: 2, skipped: 0, listed: 1000 },
      failures: [
        { facility_id: 'fac-00001', code: 'CONDOIT_FACILITY_NOT_FOUND', message: 'gone' },
        { facility_id: 'fac-00666', code: 'CONDOIT_UNAVAILABLE', message: "another tenant's" },
      ],
      error: null,
    };
    const base = services(reads);
    const app = newApp({
      services: {
        ...base,
        portfolio: {
          ...base.portfolio,
          get: async () => ({ record, progress: null }),
          cancel: async () => {
            reads.push('portfolio cancel');
            return null;
          },
        } as unknown as PortfolioService,
        results: { ...base.results, visibleFacilityIds: async () => ['fac-00001', 'fac-00002'] } as never,
        assessments: {
          ...base.assessments,
          completedInRun: async (_id: string, ids: string[]) => (ids.includes('fac-00002') ? 1 : 0),
        } as never,
      },
      jwt: hs,
    });
    const scoped = await mintToken(hs, { sub: 'tenant-a-admin', role: 'admin', facilities: ['fac-00001', 'fac-00002'] });
    const res = await app.request('/v1/assessments/prt_x', { headers: { authorization: `Bearer ${scoped}` } });
    expect(res.status).toBe(200);
    const view = (await res.json()) as { scope: string; counts: unknown; failures: { facility_id: string }[] };
    expect(view.scope).toBe('caller');
    expect(view.counts).toEqual({ assessed: 1, failed: 1, skipped: null, listed: null });
    expect(view.failures.map((f) => f.facility_id)).toEqual(['fac-00001']);
    expect(JSON.stringify(view)).not.toContain('fac-00666');
    const cancel = await app.request('/v1/assessments/prt_x/cancel', { method: 'POST', headers: { authorization: `Bearer ${scoped}` } });
    expect(cancel.status).toBe(404);
    expect(reads).not.toContain('portfolio cancel');
    // Not an admin: the run does not exist for it.
    const viewer = await mintToken(hs, { sub: 'v', role: 'viewer', facilities: ['fac-00001'] });
    expect((await app.request('/v1/assessments/prt_x', { headers: { authorization: `Bearer ${viewer}` } })).status).toBe(404);
  });
});

describe('asymmetric tokens and clock skew', () => {
  const req = (app: ReturnType<typeof newApp>, token: string) =>
    app.request('/v1/facilities/fac-00001/risks', { headers: { authorization: `Bearer ${token}` } });

  for (const alg of ['RS256', 'ES256'] as const) {
    it(`should verify ${alg} tokens with the configured public key, and refuse an HS256 token signed with that public key`, async () => {
      const { publicKey, privateKey } = generateKeyPairSync(alg);
      const jwt: JwtSettings = { issuer: hs.issuer, audience: hs.audience, alg, publicKey };
      const app = newApp({ services: services([]), jwt });
      const good = await mintToken(
        { issuer: hs.issuer, audience: hs.audience, privateKey, alg },
        { sub: 'a', role: 'viewer', facilities: ['*'] },
      );
      expect((await req(app, good)).status).toBe(404); // authenticated: the facility is simply not assessed
      const confused = await sign(
        { sub: 'a', role: 'admin', facilities: ['*'], iss: hs.issuer, aud: hs.audience, exp: Math.floor(Date.now() / 1000) + 60 },
        publicKey,
        'HS256',
      );
      expect((await req(app, confused)).status).toBe(401);
      const other = generateKeyPairSync(alg);
      const forged = await mintToken(
        { issuer: hs.issuer, audience: hs.audience, privateKey: other.privateKey, alg },
        { sub: 'a', role: 'viewer', facilities: ['*'] },
      );
      expect((await req(app, forged)).status).toBe(401);
    });
  }

  it('should verify tokens against a JWKS by key id', async () => {
    const { publicKey, privateKey } = generateKeyPairSync('RS256');
    const jwk = { ...exportJWK(publicKey), kid: 'k1', alg: 'RS256', use: 'sig' };
    const app = newApp({
      services: services([]),
      jwt: { issuer: hs.issuer, audience: hs.audience, alg: 'JWKS', keys: [jwk], allowedAlgorithms: ['RS256', 'ES256'] },
    });
    const sign1 = async (kid: string) => {
      const { sign: rawSign } = await import('hono/utils/jwt/jwt');
      return rawSign(
        { sub: 'a', role: 'viewer', facilities: ['*'], iss: hs.issuer, aud: hs.audience, exp: Math.floor(Date.now() / 1000) + 60 },
        { ...exportJWK(privateKey, true), kid, alg: 'RS256' } as never,
        'RS256',
      );
    };
    expect((await req(app, await sign1('k1'))).status).toBe(404);
    expect((await req(app, await sign1('unknown'))).status).toBe(401);
  });

  it('should tolerate 30 s of clock skew on exp and nbf, and no more', async () => {
    const app = newApp({ services: services([]), jwt: { ...hs, leewaySeconds: 30 } });
    const now = Math.floor(Date.now() / 1000);
    const base = { sub: 'a', role: 'viewer', facilities: ['*'], iss: hs.issuer, aud: hs.audience };
    expect((await req(app, await sign({ ...base, exp: now - 10 }, hs.secret, 'HS256'))).status).toBe(404);
    expect((await req(app, await sign({ ...base, exp: now - 60 }, hs.secret, 'HS256'))).status).toBe(401);
    expect((await req(app, await sign({ ...base, exp: now + 60, nbf: now + 10 }, hs.secret, 'HS256'))).status).toBe(404);
    expect((await req(app, await sign({ ...base, exp: now + 600, nbf: now + 120 }, hs.secret, 'HS256'))).status).toBe(401);
  });
});
