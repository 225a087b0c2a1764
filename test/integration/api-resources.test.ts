/**
 * Every contract resource over HTTP against real services: happy paths validated against the published OpenAPI
 * document, access policy (facility and organisation), pagination/filter/sort/search, photos, assessment
 * list/cancel/idempotency, rate limiting across two replicas, cache invalidation across replicas, audit log.
 */
import { spawn } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freePort } from '../../devstack/app-process.js';
import { isPortOpen } from '../../devstack/managed-process.js';
import { generateFacility } from '../../condoit/simulator/generator.js';
import { OpenApiValidator } from '../support/openapi-validator.js';
import { startHarness, type AssessmentJson, type Harness } from '../support/harness.js';
import { mintToken } from '../../contract/mint-token.js';
import { testJwt } from '../support/harness.js';
import { connectRedis } from '../../cache/redis.js';
import { countAudit, findAudit } from '../support/audit-entries.js';

let h: Harness;
let contract: OpenApiValidator;
const assessed = ['fac-00001', 'fac-00002', 'fac-00003', 'fac-00004'];

async function json<T = Record<string, unknown>>(res: Response): Promise<T> {
  return (await res.json()) as T;
}

/** GET with the default token, checked against the OpenAPI document. */
async function getChecked<T = Record<string, unknown>>(
  path: string,
  template: string,
  init: RequestInit & { token?: string | null } = {},
): Promise<{ res: Response; body: T }> {
  const res = await h.api(path, init);
  const body = await json<T>(res);
  contract.validate('get', template, res.status, body);
  return { res, body };
}

beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 6, equipmentMin: 12, equipmentMax: 25 } });
  contract = new OpenApiValidator(await json(await h.api('/v1/openapi.json', { token: null })));
  for (const id of assessed) {
    const res = await h.api(`/v1/facilities/${id}/assessments`, { method: 'POST' });
    const a = await json<AssessmentJson>(res);
    expect((await h.waitForAssessment(a.assessment_id)).status).toBe('completed');
  }
});
afterAll(async () => {
  await h?.close();
});

describe('facilities', () => {
  it('should list assessed facilities with pagination, sorting and search', async () => {
    const all = await getChecked<{ total: number; facilities: { id: string; risk_score: number; location: string }[] }>(
      '/v1/facilities?limit=2&sort=risk_score&order=desc',
      '/v1/facilities',
    );
    expect(all.res.status).toBe(200);
    expect(all.body.total).toBe(assessed.length);
    expect(all.body.facilities).toHaveLength(2);
    expect(all.body.facilities[0]!.risk_score).toBeGreaterThanOrEqual(all.body.facilities[1]!.risk_score);
    const page2 = await getChecked<{ facilities: { id: string }[] }>(
      '/v1/facilities?limit=2&page=2&sort=risk_score&order=desc',
      '/v1/facilities',
    );
    expect(page2.body.facilities.map((f) => f.id)).not.toContain(all.body.facilities[0]!.id);

    const city = generateFacility(2, h.shape).address.city;
    const found = await getChecked<{ total: number; facilities: { location: string }[] }>(
      `/v1/facilities?search=${encodeURIComponent(city.toUpperCase())}`,
      '/v1/facilities',
    );
    expect(found.body.total).toBeGreaterThan(0);
    expect(found.body.facilities.every((f) => f.location.includes(city))).toBe(true);
    // A regex metacharacter is searched literally, not interpreted.
    expect((await getChecked<{ total: number }>('/v1/facilities?search=.*', '/v1/facilities')).body.total).toBe(0);
    // Lists carry an ETag too.
    const etag = all.res.headers.get('etag')!;
    expect(etag).toBeTruthy();
    expect((await h.api('/v1/facilities?limit=2&sort=risk_score&order=desc', { headers: { 'if-none-match': etag } })).status).toBe(304);
  });

  it('should serve a facility, its compliance and its risks, valid against the OpenAPI document', async () => {
    const f = await getChecked<{ id: string; historical_risk: unknown[]; top_threats: unknown[]; equipment_count: number }>(
      '/v1/facilities/fac-00001',
      '/v1/facilities/{facility_id}',
    );
    expect(f.res.status).toBe(200);
    expect(f.body.historical_risk).toHaveLength(12); // its month and 11 reconstructed ones
    expect(f.body.top_threats.length).toBeGreaterThan(0);
    const comp = await getChecked<{ nfpa_70b: { equipment_counts: { total: number } } }>(
      '/v1/facilities/fac-00001/compliance',
      '/v1/facilities/{facility_id}/compliance',
    );
    expect(comp.body.nfpa_70b.equipment_counts.total).toBe(f.body.equipment_count);
    const risks = await getChecked('/v1/facilities/fac-00001/risks', '/v1/facilities/{facility_id}/risks');
    expect(risks.res.status).toBe(200);
  });

  it('should say NO_ASSESSMENT_YET for a visible facility never assessed', async () => {
    const r = await getChecked<{ error: { code: string } }>('/v1/facilities/fac-00006', '/v1/facilities/{facility_id}');
    expect(r.res.status).toBe(404);
    expect(r.body.error.code).toBe('NO_ASSESSMENT_YET');
  });
});

describe('equipment', () => {
  it('should list, filter by risk level and type, sort by risk and search', async () => {
    const facility = await json<{ equipment_count: number; risk_distribution: Record<string, number> }>(
      await h.api('/v1/facilities/fac-00002'),
    );
    const all = await getChecked<{ total: number; equipment: { id: string; risk_score: number; type: string; name: string }[] }>(
      '/v1/facilities/fac-00002/equipment?limit=200&sort=risk_rating&order=desc',
      '/v1/facilities/{facility_id}/equipment',
    );
    expect(all.body.total).toBe(facility.equipment_count);
    const scores = all.body.equipment.map((e) => e.risk_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
    const low = await getChecked<{ total: number }>(
      '/v1/facilities/fac-00002/equipment?risk_level=low',
      '/v1/facilities/{facility_id}/equipment',
    );
    expect(low.body.total).toBe(facility.risk_distribution['low']);
    const type = all.body.equipment[0]!.type;
    const byType = await getChecked<{ equipment: { type: string }[] }>(
      `/v1/facilities/fac-00002/equipment?type=${type}`,
      '/v1/facilities/{facility_id}/equipment',
    );
    expect(byType.body.equipment.every((e) => e.type === type)).toBe(true);
    const name = all.body.equipment[3]!.name;
    const search = await getChecked<{ equipment: { name: string }[] }>(
      `/v1/facilities/fac-00002/equipment?search=${name.toLowerCase()}`,
      '/v1/facilities/{facility_id}/equipment',
    );
    expect(search.body.equipment.map((e) => e.name)).toContain(name);
  });

  it('should reject bad list parameters with 400 naming the field', async () => {
    for (const q of ['limit=1000', 'page=-1', 'sort=password', 'risk_level=extreme']) {
      const r = await getChecked<{ error: { code: string; details: string } }>(
        `/v1/facilities/fac-00002/equipment?${q}`,
        '/v1/facilities/{facility_id}/equipment',
      );
      expect(r.res.status, q).toBe(400);
      expect(r.body.error.code).toBe('VALIDATION_ERROR');
      expect(r.body.error.details).toContain(q.split('=')[0]!);
    }
  });

  it('should serve one equipment with its compliance and photos, and proxy the photo bytes', async () => {
    const list = await json<{ equipment: { id: string; photo_url: string | null }[] }>(
      await h.api('/v1/facilities/fac-00003/equipment?limit=200'),
    );
    const withPhoto = list.equipment.find((e) => e.photo_url)!;
    const e = await getChecked<{ id: string; photos: { url: string; thumbnail_url: string }[]; compliance: { nfpa_70b: unknown } }>(
      `/v1/equipment/${withPhoto.id}`,
      '/v1/equipment/{equipment_id}',
    );
    expect(e.res.status).toBe(200);
    expect(e.body.id).toBe(withPhoto.id);
    const photo = await h.api(e.body.photos[0]!.url);
    expect(photo.status).toBe(200);
    expect(photo.headers.get('content-type')).toBe('image/png');
    expect(new Uint8Array(await photo.arrayBuffer()).slice(1, 4)).toEqual(new TextEncoder().encode('PNG'));
    expect((await h.api(e.body.photos[0]!.thumbnail_url)).status).toBe(200);
    expect((await h.api('/v1/photos/ph-fac-00006-1')).status).toBe(404); // not assessed equipment
  });
});

describe('access policy', () => {
  it('should confine a facility-scoped token to its facilities in every read, list, count and search', async () => {
    const token = await h.token('viewer', ['fac-00001']);
    const list = await json<{ total: number; facilities: { id: string }[] }>(await h.api('/v1/facilities', { token }));
    expect(list.total).toBe(1);
    expect(list.facilities.map((f) => f.id)).toEqual(['fac-00001']);
    for (const path of [
      '/v1/facilities/fac-00002',
      '/v1/facilities/fac-00002/risks',
      '/v1/facilities/fac-00002/compliance',
      '/v1/facilities/fac-00002/equipment',
      '/v1/facilities/fac-99999',
    ]) {
      const res = await h.api(path, { token });
      expect(res.status, path).toBe(404);
      expect((await json<{ error: { code: string } }>(res)).error.code, path).toBe('RESOURCE_NOT_FOUND');
    }
    const other = await json<{ equipment: { id: string }[] }>(await h.api('/v1/facilities/fac-00002/equipment'));
    expect((await h.api(`/v1/equipment/${other.equipment[0]!.id}`, { token })).status).toBe(404);
    const summary = await json<{ total_facilities: number }>(await h.api('/v1/portfolio/summary', { token }));
    expect(summary.total_facilities).toBe(1);
    const asms = await json<{ assessments: { facility_id: string }[] }>(await h.api('/v1/assessments', { token }));
    expect(new Set(asms.assessments.map((a) => a.facility_id))).toEqual(new Set(['fac-00001']));
    const start = await h.api('/v1/facilities/fac-00002/assessments', { method: 'POST', token: await h.token('assessor', ['fac-00001']) });
    expect(start.status).toBe(404);
  });

  it("should let an organisation-scoped token see exactly its organisation's facilities", async () => {
    const token = await mintToken(testJwt, { sub: 'org-user', role: 'viewer', facilities: [], organizations: ['org-1'] });
    const expected = assessed.filter((id) => generateFacility(Number(id.slice(4)) - 1, h.shape).organization_id === 'org-1');
    const list = await json<{ total: number; facilities: { id: string }[] }>(await h.api('/v1/facilities?limit=100', { token }));
    expect(list.facilities.map((f) => f.id).sort()).toEqual(expected.sort());
    const outside = assessed.find((id) => !expected.includes(id))!;
    expect((await h.api(`/v1/facilities/${outside}`, { token })).status).toBe(404);
  });

  it('should decide organisation-scoped access from MongoDB, never from a cache entry someone wrote into Redis', async () => {
    const token = await mintToken(testJwt, { sub: 'org-user', role: 'viewer', facilities: [], organizations: ['org-1'] });
    const outside = assessed.find((id) => generateFacility(Number(id.slice(4)) - 1, h.shape).organization_id !== 'org-1')!;
    const current = await h.db.facilityResults.findOne({ _id: outside }, { projection: { assessment_id: 1 } });
    // Whoever can write Redis writes the facility's pointer as if it belonged to org-1; a fresh replica (empty L1) reads it.
    const redis = await connectRedis(h.env.REDIS_URL!);
    await redis.set(
      `${h.env.REDIS_KEY_PREFIX}v1:ptr:${outside}`,
      JSON.stringify({ assessment_id: current!.assessment_id, organization_id: 'org-1' }),
      { EX: 300 },
    );
    const replica = await h.extraApi();
    try {
      for (const path of [
        `/v1/facilities/${outside}`,
        `/v1/facilities/${outside}/risks`,
        `/v1/facilities/${outside}/compliance`,
        `/v1/facilities/${outside}/equipment`,
      ]) {
        expect((await fetch(`${replica.url}${path}`, { headers: { authorization: `Bearer ${token}` } })).status, path).toBe(404);
      }
      // The control: the same replica serves org-1's own facility to that token.
      const own = assessed.find((id) => generateFacility(Number(id.slice(4)) - 1, h.shape).organization_id === 'org-1')!;
      expect((await fetch(`${replica.url}/v1/facilities/${own}/risks`, { headers: { authorization: `Bearer ${token}` } })).status).toBe(
        200,
      );
    } finally {
      await replica.close();
      await redis.del(`${h.env.REDIS_KEY_PREFIX}v1:ptr:${outside}`);
      await redis.quit();
    }
  });
});

describe('portfolio', () => {
  it('should sum the visible facilities', async () => {
    const r = await getChecked<{ total_facilities: number; total_equipment: number; highest_risk_facilities: { risk_score: number }[] }>(
      '/v1/portfolio/summary',
      '/v1/portfolio/summary',
    );
    expect(r.body.total_facilities).toBe(assessed.length);
    let equipment = 0;
    for (const id of assessed) equipment += (await json<{ equipment_count: number }>(await h.api(`/v1/facilities/${id}`))).equipment_count;
    expect(r.body.total_equipment).toBe(equipment);
    const scores = r.body.highest_risk_facilities.map((f) => f.risk_score);
    expect(scores).toEqual([...scores].sort((a, b) => b - a));
  });
});

describe('assessments', () => {
  it('should list assessments newest first, filtered by facility and status', async () => {
    const r = await getChecked<{ total: number; assessments: { facility_id: string; status: string }[] }>(
      '/v1/assessments?facility_id=fac-00001&status=completed',
      '/v1/assessments',
    );
    expect(r.body.total).toBeGreaterThanOrEqual(1);
    expect(r.body.assessments.every((a) => a.facility_id === 'fac-00001' && a.status === 'completed')).toBe(true);
  });

  it('should return the same assessment for a repeated Idempotency-Key, even after it finished', async () => {
    const first = await json<AssessmentJson>(
      await h.api('/v1/facilities/fac-00005/assessments', { method: 'POST', headers: { 'idempotency-key': 'k-123' } }),
    );
    await h.waitForAssessment(first.assessment_id);
    const again = await h.api('/v1/facilities/fac-00005/assessments', { method: 'POST', headers: { 'idempotency-key': 'k-123' } });
    expect(again.status).toBe(202);
    expect((await json<AssessmentJson>(again)).assessment_id).toBe(first.assessment_id);
    const other = await json<AssessmentJson>(
      await h.api('/v1/facilities/fac-00005/assessments', { method: 'POST', headers: { 'idempotency-key': 'k-456' } }),
    );
    expect(other.assessment_id).not.toBe(first.assessment_id);
    await h.waitForAssessment(other.assessment_id);
  });

  it('should cancel a running assessment (assessor), refuse a viewer (403) and a finished one (409)', async () => {
    await h.injectFault({ failNext: 1, pathPrefix: '/v1/facilities/fac-00006/equipment', delayMs: 2_500 });
    const a = await json<AssessmentJson>(await h.api('/v1/facilities/fac-00006/assessments', { method: 'POST' }));
    const viewer = await h.api(`/v1/assessments/${a.assessment_id}/cancel`, { method: 'POST', token: await h.token('viewer') });
    expect(viewer.status).toBe(403);
    const res = await h.api(`/v1/assessments/${a.assessment_id}/cancel`, { method: 'POST' });
    expect(res.status).toBe(202);
    const done = await h.waitForAssessment(a.assessment_id);
    expect(done.status).toBe('cancelled');
    const again = await h.api(`/v1/assessments/${a.assessment_id}/cancel`, { method: 'POST' });
    expect(again.status).toBe(409);
    expect((await json<{ error: { code: string } }>(again)).error.code).toBe('CONFLICT');
    expect((await h.api('/v1/facilities/fac-00006/risks')).status).toBe(404);
  });
});

describe('across API replicas', () => {
  it('should rate-limit one client across two replicas sharing Redis, with headers and Retry-After', async () => {
    const limits = { viewer: 5, assessor: 5, admin: 5 };
    const a = await h.extraApi({ rateLimits: limits });
    const b = await h.extraApi({ rateLimits: limits });
    try {
      const token = await mintToken(testJwt, { sub: `rl-${Date.now()}`, role: 'viewer', facilities: ['*'] });
      // Windows are fixed minutes: six requests straddling a minute's end would count in two windows.
      const toWindowEnd = 60_000 - (Date.now() % 60_000);
      if (toWindowEnd < 5_000) await new Promise((r) => setTimeout(r, toWindowEnd + 50));
      const statuses: number[] = [];
      let last: Response | undefined;
      for (let i = 0; i < 6; i++) {
        last = await fetch(`${i % 2 ? a.url : b.url}/v1/facilities/fac-00001/risks`, { headers: { authorization: `Bearer ${token}` } });
        statuses.push(last.status);
        if (i === 0) {
          expect(last.headers.get('x-ratelimit-limit')).toBe('5');
          expect(last.headers.get('x-ratelimit-remaining')).toBe('4');
          expect(Number(last.headers.get('x-ratelimit-reset'))).toBeGreaterThan(Date.now() / 1000);
        }
      }
      expect(statuses).toEqual([200, 200, 200, 200, 200, 429]);
      expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect((await json<{ error: { code: string } }>(last!)).error.code).toBe('RATE_LIMITED');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('should make a second replica serve a new assessment as soon as it completes (pub/sub invalidation of L1)', async () => {
    const b = await h.extraApi();
    try {
      const read = async () => fetch(`${b.url}/v1/facilities/fac-00004/risks`, { headers: { authorization: `Bearer ${await h.token()}` } });
      const summary = async () =>
        json<{ last_updated: string }>(
          await fetch(`${b.url}/v1/portfolio/summary`, { headers: { authorization: `Bearer ${await h.token()}` } }),
        );
      const summaryBefore = await summary();
      expect(await summary()).toEqual(summaryBefore); // the second read is the replica's memoised summary
      const before = await read();
      expect((await read()).headers.get('x-cache')).toBe('hit-l1');
      const etagBefore = before.headers.get('etag');
      await h.sim.app.request('/__sim/facilities/fac-00004/touch', { method: 'POST' });
      const a = await json<AssessmentJson>(await h.api('/v1/facilities/fac-00004/assessments', { method: 'POST' }));
      await h.waitForAssessment(a.assessment_id);
      const deadline = Date.now() + 5_000;
      let after = await read();
      while (after.headers.get('etag') === etagBefore && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        after = await read();
      }
      expect(after.headers.get('etag')).not.toBe(etagBefore);
      expect(Date.now()).toBeLessThan(deadline);
      // The portfolio summary this replica memoised is recomputed once its facility directory has the new result.
      let summaryAfter = await summary();
      while (summaryAfter.last_updated === summaryBefore.last_updated && Date.now() < deadline) {
        await new Promise((r) => setTimeout(r, 50));
        summaryAfter = await summary();
      }
      expect(summaryAfter.last_updated > summaryBefore.last_updated).toBe(true);
      const facility = await json<{ last_updated: string }>(await h.api('/v1/facilities/fac-00004'));
      expect(summaryAfter.last_updated).toBe(facility.last_updated);
    } finally {
      await b.close();
    }
  });
});

describe('Redis outage', () => {
  it('should keep serving reads from MongoDB, report the degradation, and resume caching when Redis returns', async () => {
    // A port the kernel just handed out and released: a random one can be an ephemeral port already in use.
    const port = await freePort();
    const startRedis = () =>
      spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    let redis = startRedis();
    await waitForPort(port);
    const api = await h.extraApi({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    const get = async (path: string) => fetch(`${api.url}${path}`, { headers: { authorization: `Bearer ${await h.token()}` } });
    try {
      expect((await get('/v1/facilities/fac-00002/risks')).headers.get('x-cache')).toBe('miss');
      api.services.cache.forgetLocal(':fac-00002');
      expect((await get('/v1/facilities/fac-00002/risks')).headers.get('x-cache')).toBe('hit-l2');

      redis.kill('SIGKILL');
      await new Promise((r) => redis.once('exit', r));
      api.services.cache.forgetLocal(':fac-00002');
      const during = await get('/v1/facilities/fac-00002/risks');
      expect(during.status).toBe(200);
      expect(during.headers.get('x-cache')).toBe('miss');
      expect(during.headers.get('x-ratelimit-limit')).toBeTruthy(); // the per-replica fallback limiter answers
      const ready = await fetch(`${api.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ status: 'degraded', degraded: ['redis'] });

      redis = startRedis();
      await waitForPort(port);
      const deadline = Date.now() + 10_000;
      let source = '';
      while (Date.now() < deadline) {
        api.services.cache.forgetLocal(':fac-00002');
        await get('/v1/facilities/fac-00002/risks');
        api.services.cache.forgetLocal(':fac-00002');
        source = (await get('/v1/facilities/fac-00002/risks')).headers.get('x-cache') ?? '';
        if (source === 'hit-l2') break;
        await new Promise((r) => setTimeout(r, 200));
      }
      expect(source).toBe('hit-l2');
      // Readiness is cached for a second: it shows the recovery within that.
      await expect.poll(async () => (await fetch(`${api.url}/readyz`)).status, { timeout: 5_000, interval: 200 }).toBe(200);
    } finally {
      await api.close();
      redis.kill('SIGKILL');
    }
  });
});

describe('Redis with an ACL user', () => {
  it('should use a password-protected Redis with REDIS_USERNAME and REDIS_PASSWORD, and report it degraded without them', async () => {
    // A port the kernel just handed out and released: a random one can be an ephemeral port already in use.
    const port = await freePort();
    const password = 'redis-acl-password-0123456789abcdef';
    const redis = spawn(
      'redis-server',
      [
        '--port',
        String(port),
        '--bind',
        '127.0.0.1',
        '--save',
        '',
        '--appendonly',
        'no',
        '--user',
        'default',
        'off',
        '--user',
        'masterbus',
        'on',
        `>${password}`,
        '~*',
        '&*',
        '+@all',
      ],
      { stdio: 'ignore' },
    );
    await waitForPort(port);
    const withAuth = await h.extraApi({
      env: { REDIS_URL: `redis://127.0.0.1:${port}`, REDIS_USERNAME: 'masterbus', REDIS_PASSWORD: password },
    });
    const without = await h.extraApi({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    try {
      const get = async () =>
        fetch(`${withAuth.url}/v1/facilities/fac-00003/risks`, { headers: { authorization: `Bearer ${await h.token()}` } });
      await expect.poll(async () => (await fetch(`${withAuth.url}/readyz`)).status, { timeout: 10_000, interval: 200 }).toBe(200);
      await get();
      withAuth.services.cache.forgetLocal(':fac-00003');
      expect((await get()).headers.get('x-cache'), 'served from the authenticated Redis').toBe('hit-l2');
      const ready = await fetch(`${without.url}/readyz`);
      expect(ready.status).toBe(503);
      expect(await ready.json()).toMatchObject({ degraded: ['redis'] });
    } finally {
      await withAuth.close();
      await without.close();
      redis.kill('SIGKILL');
    }
  });
});

describe('API start-up without Redis', () => {
  it('should start and serve reads while Redis is unreachable, and use Redis once it appears', async () => {
    // A port the kernel just handed out and released: a random one can be an ephemeral port already in use.
    const port = await freePort();
    const api = await h.extraApi({ env: { REDIS_URL: `redis://127.0.0.1:${port}` } });
    let redis: ReturnType<typeof spawn> | undefined;
    try {
      const get = async () =>
        fetch(`${api.url}/v1/facilities/fac-00003/risks`, { headers: { authorization: `Bearer ${await h.token()}` } });
      expect((await get()).status).toBe(200);
      expect((await fetch(`${api.url}/readyz`)).status).toBe(503);
      redis = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], {
        stdio: 'ignore',
      });
      await waitForPort(port);
      const deadline = Date.now() + 15_000;
      let ready = 0;
      while (Date.now() < deadline && ready !== 200) {
        ready = (await fetch(`${api.url}/readyz`)).status;
        if (ready !== 200) await new Promise((r) => setTimeout(r, 200));
      }
      expect(ready).toBe(200);
      api.services.cache.forgetLocal(':fac-00003');
      await get();
      api.services.cache.forgetLocal(':fac-00003');
      expect((await get()).headers.get('x-cache')).toBe('hit-l2');
    } finally {
      await api.close();
      redis?.kill('SIGKILL');
    }
  });
});

describe('audit log', () => {
  it('should record reads and assessment starts with who, what, facility, status and request id', async () => {
    const res = await h.api('/v1/facilities/fac-00001/compliance', { headers: { 'x-request-id': 'audit-probe-1' } });
    expect(res.status).toBe(200);
    await h.apiServices.auditLog.flush();
    const entry = await findAudit(h.db, { client_request_id: 'audit-probe-1' });
    expect(entry).toMatchObject({
      subject: 'test-assessor',
      role: 'assessor',
      method: 'GET',
      route: '/v1/facilities/:facility_id/compliance',
      facility_id: 'fac-00001',
      status: 200,
    });
    // The request id is the server's own, echoed in X-Request-Id; the client's is kept beside it, never instead.
    expect(entry!.request_id).toBe(res.headers.get('x-request-id'));
    expect(entry!.request_id).not.toBe('audit-probe-1');
    // Requests without a valid token are counted in metrics, never stored: a flood of them cannot fill the log.
    const denied = await h.api('/v1/facilities/fac-00001/risks', { token: null, headers: { 'x-request-id': 'audit-probe-2' } });
    expect(denied.status).toBe(401);
    await h.apiServices.auditLog.flush();
    expect(await findAudit(h.db, { client_request_id: 'audit-probe-2' })).toBeNull();
    // Equipment is addressed by its own id: the entry still names the facility it belongs to; a list names what it returned.
    const list = (await (
      await h.api('/v1/facilities/fac-00001/equipment?limit=5', { headers: { 'x-request-id': 'audit-probe-4' } })
    ).json()) as { equipment: { id: string }[] };
    expect(list.equipment.length).toBeGreaterThan(0);
    expect((await h.api(`/v1/equipment/${list.equipment[0]!.id}`, { headers: { 'x-request-id': 'audit-probe-5' } })).status).toBe(200);
    await h.apiServices.auditLog.flush();
    expect(await findAudit(h.db, { client_request_id: 'audit-probe-4' })).toMatchObject({
      facility_id: 'fac-00001',
      returned_ids: list.equipment.map((e) => e.id),
    });
    expect(await findAudit(h.db, { client_request_id: 'audit-probe-5' })).toMatchObject({
      route: '/v1/equipment/:equipment_id',
      facility_id: 'fac-00001',
      returned_ids: null,
    });
    // An assessment is addressed by its id: its entry names its facility too.
    const runs = (await (
      await h.api('/v1/assessments?facility_id=fac-00002&limit=3', { headers: { 'x-request-id': 'audit-probe-6' } })
    ).json()) as { assessments: { assessment_id: string }[] };
    expect(
      (await h.api(`/v1/assessments/${runs.assessments[0]!.assessment_id}`, { headers: { 'x-request-id': 'audit-probe-7' } })).status,
    ).toBe(200);
    await h.apiServices.auditLog.flush();
    expect(await findAudit(h.db, { client_request_id: 'audit-probe-6' })).toMatchObject({
      returned_ids: runs.assessments.map((a) => a.assessment_id),
    });
    expect(await findAudit(h.db, { client_request_id: 'audit-probe-7' })).toMatchObject({
      route: '/v1/assessments/:assessment_id',
      facility_id: 'fac-00002',
      assessment_id: runs.assessments[0]!.assessment_id,
    });
    // A long path or query cannot make an entry large.
    // (Under Node's 16 KiB header limit: a longer request line is refused by the HTTP parser before the app.)
    const long = await h.api(`/v1/facilities/${'f'.repeat(2000)}/risks?facility_id=${'q'.repeat(8000)}`, {
      headers: { 'x-request-id': 'audit-probe-3' },
    });
    expect(long.status).toBeGreaterThanOrEqual(400);
    await h.apiServices.auditLog.flush();
    const bounded = await findAudit(h.db, { client_request_id: 'audit-probe-3' });
    expect(bounded, 'the long request is audited').not.toBeNull();
    expect(JSON.stringify(bounded).length).toBeLessThan(1500);
    const starts = await countAudit(h.db, { method: 'POST', route: '/v1/facilities/:facility_id/assessments' });
    expect(starts).toBeGreaterThanOrEqual(assessed.length);
  });
});

async function waitForPort(port: number): Promise<void> {
  const deadline = Date.now() + 10_000;
  while (!(await isPortOpen(port))) {
    if (Date.now() > deadline) throw new Error(`nothing listens on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe('what-if', () => {
  const post = (id: string, body: unknown, token?: string) =>
    h.api(`/v1/facilities/${id}/what-if`, {
      method: 'POST',
      body: JSON.stringify(body),
      headers: { 'content-type': 'application/json' },
      ...(token ? { token } : {}),
    });
  type Risks = {
    risk_summary: { risk_score: number };
    risk_recommendation: { priority_actions: { id: string; risk_reduction: number }[] };
  };
  type Answer = {
    risk_score_before: number;
    risk_score_after: number;
    risks: Risks;
    changed_equipment: { equipment_id: string; risk_score_after: number }[];
  };

  it('should answer the stored assessment exactly with no actions, and the priority action applied with one, writing nothing', async () => {
    const stored = await json<Risks & { historical_trend: unknown }>(await h.api('/v1/facilities/fac-00001/risks'));
    const asmsBefore = await json<{ total: number }>(await h.api('/v1/assessments'));
    const none = await post('fac-00001', { actions: [] });
    const noneBody = await json<Answer>(none);
    expect(none.status).toBe(200);
    contract.validate('post', '/v1/facilities/{facility_id}/what-if', 200, noneBody);
    const { historical_trend: _trend, ...storedRisks } = stored;
    expect(noneBody.risks).toEqual(storedRisks);
    expect(noneBody.changed_equipment).toEqual([]);

    const action = stored.risk_recommendation.priority_actions.find((a) => a.risk_reduction > 0);
    expect(action, 'a priority action that lowers the score').toBeDefined();
    const one = await json<Answer>(await post('fac-00001', { actions: [{ id: action!.id }] }));
    expect(one.risk_score_after).toBe(Math.round((stored.risk_summary.risk_score - action!.risk_reduction) * 10) / 10);
    expect(one.changed_equipment.length).toBeGreaterThan(0);
    // No new assessment, and the stored result is untouched.
    expect((await json<{ total: number }>(await h.api('/v1/assessments'))).total).toBe(asmsBefore.total);
    expect(await json(await h.api('/v1/facilities/fac-00001/risks'))).toEqual(stored);
  });

  it('should apply an action kind to chosen equipment, and refuse unknown actions (400) and foreign equipment (404) in the contract shape', async () => {
    const list = await json<{ equipment: { id: string; risk_score: number }[] }>(
      await h.api('/v1/facilities/fac-00001/equipment?limit=200&sort=risk_rating&order=desc'),
    );
    const worst = list.equipment[0]!;
    const replaced = await json<Answer>(await post('fac-00001', { actions: [{ kind: 'replace_equipment', equipment_ids: [worst.id] }] }));
    expect(replaced.changed_equipment.map((c) => c.equipment_id)).toEqual([worst.id]);
    expect(replaced.changed_equipment[0]!.risk_score_after).toBeLessThan(worst.risk_score);

    const unknown = await post('fac-00001', { actions: [{ id: 'paint_it_green' }] });
    expect(unknown.status).toBe(400);
    const unknownBody = await json<{ error: { code: string; request_id: string } }>(unknown);
    expect(unknownBody.error.code).toBe('VALIDATION_ERROR');
    expect(unknownBody.error.request_id).toBeTruthy();
    const other = await json<{ equipment: { id: string }[] }>(await h.api('/v1/facilities/fac-00002/equipment'));
    const foreign = await post('fac-00001', { actions: [{ kind: 'replace_equipment', equipment_ids: [other.equipment[0]!.id] }] });
    expect(foreign.status).toBe(404);
    const foreignBody = await json<{ error: { code: string; message: string } }>(foreign);
    expect(foreignBody.error.code).toBe('RESOURCE_NOT_FOUND');
    expect(foreignBody.error.message).toContain(other.equipment[0]!.id);
    // A facility the caller may not see answers as if it did not exist.
    const scoped = await post('fac-00002', { actions: [] }, await h.token('viewer', ['fac-00001']));
    expect(scoped.status).toBe(404);
  });
});

describe('explanations over the API', () => {
  const sum = (xs: { contribution: number }[]) => Math.round(xs.reduce((s, x) => s + x.contribution, 0) * 10) / 10;
  type Factor = { contribution: number; rule: string; citation: string; inputs: Record<string, unknown> };

  it("should serve every item's and facility's factors adding up to its risk score, with a forecast", async () => {
    for (const id of assessed) {
      const list = await json<{
        equipment: { id: string; risk_score: number; risk_factors: Factor[]; forecast: { high_on: string | null } }[];
      }>(await h.api(`/v1/facilities/${id}/equipment?limit=200`));
      for (const e of list.equipment) {
        expect(sum(e.risk_factors), e.id).toBe(e.risk_score);
        for (const f of e.risk_factors) expect(f.rule && f.citation, e.id).toBeTruthy();
        expect(e.forecast).toHaveProperty('critical_on');
      }
      const detail = await json<{ risk_assessment: { risk_score: number; risk_factors: Factor[] } }>(
        await h.api(`/v1/equipment/${list.equipment[0]!.id}`),
      );
      expect(sum(detail.risk_assessment.risk_factors)).toBe(detail.risk_assessment.risk_score);
      const risks = await json<{
        risk_summary: { risk_score: number };
        risk_categories: { contribution: number }[];
        forecast_trend: { risk_score: number; model_version: string }[];
        historical_trend: { model_version: string }[];
      }>(await h.api(`/v1/facilities/${id}/risks`));
      expect(sum(risks.risk_categories), id).toBe(risks.risk_summary.risk_score);
      expect(risks.forecast_trend).toHaveLength(3);
      for (const p of risks.forecast_trend) expect(p.risk_score).toBeGreaterThanOrEqual(risks.risk_summary.risk_score);
      expect(new Set([...risks.forecast_trend, ...risks.historical_trend].map((p) => p.model_version)).size).toBe(1);
    }
  });
});

describe('what-if without a body', () => {
  it('should answer the stored assessment when no body is sent', async () => {
    const res = await h.api('/v1/facilities/fac-00001/what-if', { method: 'POST' });
    expect(res.status).toBe(200);
    const body = await json<{ actions: unknown[]; risk_score_before: number; risk_score_after: number }>(res);
    expect(body.actions).toEqual([]);
    expect(body.risk_score_after).toBe(body.risk_score_before);
  });
});

describe('what-if with a body that is not JSON', () => {
  it('should refuse it with 415 in the contract shape', async () => {
    const res = await h.api('/v1/facilities/fac-00001/what-if', {
      method: 'POST',
      body: 'actions=all',
      headers: { 'content-type': 'text/plain' },
    });
    expect(res.status).toBe(415);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('UNSUPPORTED_MEDIA_TYPE');
  });
});

describe('what-if request bounds', () => {
  it('should fit its largest valid request within the body limit, and refuse a larger one as invalid', async () => {
    const ids = Array.from({ length: 20 }, (_, i) => `${'x'.repeat(157)}${String(i).padStart(3, '0')}`);
    const largest = { actions: Array.from({ length: 14 }, () => ({ kind: 'retrofit_aluminum_terminations', equipment_ids: ids })) };
    const post = (body: unknown) =>
      h.api('/v1/facilities/fac-00001/what-if', {
        method: 'POST',
        body: JSON.stringify(body),
        headers: { 'content-type': 'application/json' },
      });
    // Valid and within 64 KiB: answered (these ids are not the facility's: 404), never 413.
    const res = await post(largest);
    expect(res.status).toBe(404);
    expect((await json<{ error: { code: string } }>(res)).error.code).toBe('RESOURCE_NOT_FOUND');
    const tooMany = await post({ actions: [...largest.actions, largest.actions[0]] });
    expect(tooMany.status).toBe(400);
  });
});
