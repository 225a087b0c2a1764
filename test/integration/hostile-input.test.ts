/**
 * Hostile input over loopback against the real API, Temporal, FerretDB and Redis (issue #6): forged and broken
 * JWTs on every route, facility ids outside the caller's policy (no bypass, no existence leak), and out-of-bounds
 * or injection-shaped input — all rejected with a 4xx in the contract's error shape carrying the request id.
 * Each group records itself in the reliability ledger after its assertions.
 */
import { randomBytes } from 'node:crypto';
import { sign } from 'hono/jwt';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import { mintToken } from '../../contract/mint-token.js';
import { serveApp, type RunningServer } from '../../http/serve-app.js';
import { forgedClaims, routesOf, type RouteCall } from '../support/attack-routes.js';
import { unsignedToken, withHeader, withPayload } from '../support/forged-tokens.js';
import { startHarness, testJwt, type AssessmentJson, type Harness } from '../support/harness.js';
import { errorOf, leakFingerprint, rejectionProblem } from '../support/hostile-checks.js';
import { generateKeyPairSync } from '../support/keys.js';
import { rawRequest, type RawResponse } from '../support/raw-http.js';
import { recordTrial } from '../support/reliability-log.js';
import { createApiMetrics } from '../../observability/api-metrics.js';
import { countAudit, findAudit } from '../support/audit-entries.js';

let h: Harness;
let routes: RouteCall[];
let rs256: { server: RunningServer; publicKey: string; privateKey: string };
/** Facts about the real data the attacks aim at. */
const data = {
  ownFacility: 'fac-00001',
  otherFacility: 'fac-00002',
  missingFacility: 'fac-09999',
  otherEquipment: '',
  otherPhoto: '',
  otherAssessment: '',
  ownAssessment: '',
  otherName: '',
};

const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
const send = (base: string, call: RouteCall, headers: Record<string, string>) =>
  rawRequest(base, {
    method: call.method,
    path: call.path,
    headers: { ...headers, ...(call.body ? { 'content-type': 'application/json' } : {}) },
    ...(call.body ? { body: call.body } : {}),
  });

async function startAndWait(facilityId: string): Promise<string> {
  const res = await h.api(`/v1/facilities/${facilityId}/assessments`, { method: 'POST' });
  const a = (await res.json()) as AssessmentJson;
  expect((await h.waitForAssessment(a.assessment_id)).status).toBe('completed');
  return a.assessment_id;
}

beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 4, equipmentMin: 8, equipmentMax: 16 } });
  data.ownAssessment = await startAndWait(data.ownFacility);
  data.otherAssessment = await startAndWait(data.otherFacility);
  const admin = await h.token('admin');
  const equipment = (await (await h.api(`/v1/facilities/${data.otherFacility}/equipment?limit=200`, { token: admin })).json()) as {
    equipment: { id: string; photo_url: string | null }[];
  };
  data.otherEquipment = equipment.equipment[0]!.id;
  data.otherPhoto = /\/v1\/photos\/([^/]+)/.exec(equipment.equipment.find((e) => e.photo_url)!.photo_url!)![1]!;
  data.otherName = ((await (await h.api(`/v1/facilities/${data.otherFacility}`, { token: admin })).json()) as { name: string }).name;
  const doc = (await (await h.api('/v1/openapi.json', { token: null })).json()) as Parameters<typeof routesOf>[0];
  // A real webhook subscription to aim at (its receiver never answers: nothing here is delivered to it).
  const hook = (await (
    await h.api('/v1/webhooks/subscriptions', {
      method: 'POST',
      token: admin,
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ url: 'http://127.0.0.1:9/never', events: ['portfolio_run.completed'] }),
    })
  ).json()) as { id: string };
  routes = routesOf(doc, {
    facility_id: data.ownFacility,
    equipment_id: data.otherEquipment,
    photo_id: data.otherPhoto,
    assessment_id: data.ownAssessment,
    subscription_id: hook.id,
    delivery_id: `whd_${'0'.repeat(32)}`,
  });

  // A second API on the same services, configured for RS256: the target of algorithm-confusion attacks.
  const keys = generateKeyPairSync('RS256');
  const app = newApp({
    services: h.apiServices.services,
    jwt: { issuer: testJwt.issuer, audience: testJwt.audience, alg: 'RS256', publicKey: keys.publicKey },
    rateLimits: { viewer: 10_000, assessor: 10_000, admin: 10_000 },
    unauthenticatedPerMinute: 10_000,
  });
  rs256 = { server: await serveApp(app.fetch), ...keys };
}, 180_000);

afterAll(async () => {
  await rs256?.server.close();
  await h?.close();
});

/** Sends every token to every route; each answer must be a 401 in the error shape. Returns what got through. */
async function expectRejectedEverywhere(name: string, tokens: string[], base = h.apiUrl, targets = routes): Promise<void> {
  const assessmentsBefore = await h.db.assessments.countDocuments({});
  const problems: string[] = [];
  let tries = 0;
  let bypasses = 0;
  for (const token of tokens) {
    for (const call of targets) {
      tries += 1;
      const res = await send(base, call, bearer(token));
      if (res.status < 400) bypasses += 1;
      const problem =
        rejectionProblem(res, (s) => s === 401) ??
        (errorOf(res).code === 'UNAUTHORIZED' && /Bearer/.test(String(res.headers['www-authenticate']))
          ? null
          : 'no UNAUTHORIZED / WWW-Authenticate');
      if (problem) problems.push(`${call.method} ${call.template}: ${problem}`);
    }
  }
  expect(problems.slice(0, 10)).toEqual([]);
  expect(await h.db.assessments.countDocuments({})).toBe(assessmentsBefore);
  recordTrial({ kind: 'attack', name, tries, survived: tries - problems.length, lost: bypasses });
}

describe('JWT attacks on every route', () => {
  const now = () => Math.floor(Date.now() / 1000);
  const admin = () => forgedClaims(testJwt, now());

  it('should be aimed at every authenticated route the OpenAPI document lists, plus the codec', async () => {
    expect(routes.length).toBeGreaterThanOrEqual(21);
    // The control: a valid admin token is not refused anywhere, so the 401s below are the attacks' doing.
    const token = await h.token('admin');
    for (const call of routes.filter((c) => c.method === 'GET'))
      expect((await send(h.apiUrl, call, bearer(token))).status, call.template).not.toBe(401);
  });

  it('should refuse alg:none in every spelling, with or without a signature', async () => {
    const good = await sign(admin(), testJwt.secret, 'HS256');
    const signature = good.split('.')[2]!;
    const tokens = ['none', 'None', 'NONE', 'nOnE'].flatMap((alg) => [unsignedToken(admin(), alg), unsignedToken(admin(), alg, signature)]);
    await expectRejectedEverywhere('JWT alg:none on every route', tokens);
  });

  it('should refuse HS256 tokens signed with the public key when the API verifies RS256', async () => {
    const control = await mintToken(
      { issuer: testJwt.issuer, audience: testJwt.audience, privateKey: rs256.privateKey, alg: 'RS256' },
      { sub: 'rs-admin', role: 'admin', facilities: ['*'] },
    );
    expect((await rawRequest(rs256.server.url, { path: '/v1/facilities', headers: bearer(control) })).status).toBe(200);
    const pem = rs256.publicKey;
    const tokens = await Promise.all([pem, pem.trim(), pem.replace(/\n/g, '\r\n')].map((key) => sign(admin(), key, 'HS256')));
    tokens.push(withHeader(control, { alg: 'HS256', typ: 'JWT' }));
    // That API serves no codec endpoint (it is configured without one): every other route is attacked.
    await expectRejectedEverywhere(
      'JWT HS256 signed with the RS256 public key',
      tokens,
      rs256.server.url,
      routes.filter((r) => !r.template.startsWith('/codec/')),
    );
  });

  it('should refuse expired tokens and tokens not valid yet, beyond the 30 s leeway', async () => {
    const expired = await Promise.all([now() - 3600, now() - 31, 0].map((exp) => sign({ ...admin(), exp }, testJwt.secret, 'HS256')));
    await expectRejectedEverywhere('JWT expired', expired);
    const early = await Promise.all([now() + 3600, now() + 120].map((nbf) => sign({ ...admin(), nbf }, testJwt.secret, 'HS256')));
    await expectRejectedEverywhere('JWT not yet valid (nbf)', early);
  });

  it('should refuse a wrong issuer or audience', async () => {
    const iss = await Promise.all(
      ['evil', '', `${testJwt.issuer} `, testJwt.issuer.toUpperCase()].map((i) => sign({ ...admin(), iss: i }, testJwt.secret, 'HS256')),
    );
    await expectRejectedEverywhere('JWT wrong issuer', iss);
    const aud = await Promise.all(
      ['other-api', ['other-api'], `${testJwt.audience}-x`].map((a) => sign({ ...admin(), aud: a }, testJwt.secret, 'HS256')),
    );
    await expectRejectedEverywhere('JWT wrong audience', aud);
  });

  it('should refuse a tampered payload or header that keeps the original signature', async () => {
    const viewer = await mintToken(testJwt, { sub: 'v', role: 'viewer', facilities: [data.ownFacility] });
    const tokens = [
      withPayload(viewer, { ...admin(), sub: 'v' }),
      withPayload(viewer, { ...admin(), sub: 'v', role: 'viewer', facilities: ['*'] }),
      withPayload(viewer, { ...admin(), exp: now() + 10 * 365 * 86400 }),
      withHeader(viewer, { alg: 'HS512', typ: 'JWT' }),
      withHeader(viewer, { alg: 'HS256', typ: 'JWT', kid: '../../../../dev/null' }),
      `${viewer.slice(0, -2)}${viewer.endsWith('A') ? 'B' : 'A'}A`,
    ];
    await expectRejectedEverywhere('JWT tampered payload or header', tokens);
  });

  it('should refuse validly signed tokens that miss a required claim', async () => {
    const without = (k: string) => Object.fromEntries(Object.entries(admin()).filter(([key]) => key !== k));
    const tokens = await Promise.all(
      [
        without('sub'),
        without('exp'),
        without('role'),
        without('iss'),
        without('aud'),
        { ...without('facilities'), organizations: [] },
        { ...admin(), sub: '' },
      ].map((c) => sign(c, testJwt.secret, 'HS256')),
    );
    await expectRejectedEverywhere('JWT missing claims', tokens);
  });

  it('should refuse oversize tokens and malformed Authorization headers', async () => {
    const good = await sign(admin(), testJwt.secret, 'HS256');
    const bigClaims = await sign({ ...admin(), pad: 'x'.repeat(9_000) }, testJwt.secret, 'HS256');
    const tokens = [`${good}${'A'.repeat(9_000)}`, bigClaims, `${good}.${good}`, `${good} extra`, 'A'.repeat(12_000)];
    await expectRejectedEverywhere('JWT oversize or malformed', tokens);
  });

  it('should refuse invented roles, and keep a viewer a viewer whatever else its claims say', async () => {
    const invented = await Promise.all(
      ['superadmin', 'ADMIN', 'root', ''].map((role) => sign({ ...admin(), role }, testJwt.secret, 'HS256')),
    );
    invented.push(await sign({ ...admin(), role: ['admin'] }, testJwt.secret, 'HS256'));
    await expectRejectedEverywhere('JWT invented role', invented);

    // Signed by us as a viewer, with every escalation hint an API might wrongly honour.
    const viewer = await sign(
      {
        ...admin(),
        role: 'viewer',
        roles: ['admin'],
        admin: true,
        is_admin: true,
        scope: 'admin',
        permissions: ['*'],
        'https://masterbus/role': 'admin',
      },
      testJwt.secret,
      'HS256',
    );
    // Writes, and everything admin-only: the schedule, webhook administration, the codec. (What-if is a POST
    // that writes nothing: a viewer may ask it.)
    const writes = routes.filter(
      (c) =>
        (c.method === 'POST' && !c.template.endsWith('/what-if')) ||
        c.method === 'DELETE' ||
        c.template.startsWith('/v1/portfolio/schedule') ||
        c.template.startsWith('/v1/webhooks') ||
        c.template.startsWith('/codec/'),
    );
    expect(writes.length).toBeGreaterThanOrEqual(9);
    const before = await h.db.assessments.countDocuments({});
    const problems: string[] = [];
    let escalations = 0;
    for (const call of writes) {
      const res = await send(h.apiUrl, call, bearer(viewer));
      if (res.status < 400) escalations += 1;
      const problem = rejectionProblem(res, (s) => s === 403);
      if (problem) problems.push(`${call.method} ${call.template}: ${problem}`);
    }
    expect(problems).toEqual([]);
    expect(await h.db.assessments.countDocuments({})).toBe(before);
    expect(await h.db.webhookSubscriptions.countDocuments({})).toBe(1);
    recordTrial({
      kind: 'attack',
      name: 'JWT role escalation in claims (viewer on writes)',
      tries: writes.length,
      survived: writes.length - problems.length,
      lost: escalations,
    });
  });
});

describe("facility ids outside the caller's policy", () => {
  let token: string;
  const tries = { n: 0, leaks: 0 };
  const pairs = () =>
    [
      [
        'GET facility',
        `/v1/facilities/${data.otherFacility}`,
        `/v1/facilities/${data.missingFacility}`,
        data.otherFacility,
        data.missingFacility,
      ],
      [
        'GET risks',
        `/v1/facilities/${data.otherFacility}/risks`,
        `/v1/facilities/${data.missingFacility}/risks`,
        data.otherFacility,
        data.missingFacility,
      ],
      [
        'GET compliance',
        `/v1/facilities/${data.otherFacility}/compliance`,
        `/v1/facilities/${data.missingFacility}/compliance`,
        data.otherFacility,
        data.missingFacility,
      ],
      [
        'GET equipment list',
        `/v1/facilities/${data.otherFacility}/equipment`,
        `/v1/facilities/${data.missingFacility}/equipment`,
        data.otherFacility,
        data.missingFacility,
      ],
      [
        'GET equipment',
        `/v1/equipment/${data.otherEquipment}`,
        `/v1/equipment/${data.missingFacility}-eq-0001`,
        data.otherEquipment,
        `${data.missingFacility}-eq-0001`,
      ],
      [
        'GET photo',
        `/v1/photos/${data.otherPhoto}`,
        `/v1/photos/ph-${data.missingFacility}-1`,
        data.otherPhoto,
        `ph-${data.missingFacility}-1`,
      ],
      [
        'GET thumbnail',
        `/v1/photos/${data.otherPhoto}/thumbnail`,
        `/v1/photos/ph-${data.missingFacility}-1/thumbnail`,
        data.otherPhoto,
        `ph-${data.missingFacility}-1`,
      ],
      [
        'GET assessment',
        `/v1/assessments/${data.otherAssessment}`,
        '/v1/assessments/asm_00000000-0000-0000-0000-000000000000',
        data.otherAssessment,
        'asm_00000000-0000-0000-0000-000000000000',
      ],
      [
        'POST cancel',
        `/v1/assessments/${data.otherAssessment}/cancel`,
        '/v1/assessments/asm_00000000-0000-0000-0000-000000000000/cancel',
        data.otherAssessment,
        'asm_00000000-0000-0000-0000-000000000000',
      ],
      [
        'POST start',
        `/v1/facilities/${data.otherFacility}/assessments`,
        `/v1/facilities/${data.missingFacility}/assessments`,
        data.otherFacility,
        data.missingFacility,
      ],
    ] as const;

  beforeAll(async () => {
    token = await mintToken(testJwt, { sub: 'policy-assessor', role: 'assessor', facilities: [data.ownFacility] });
  });

  it('should answer a forbidden facility exactly like a nonexistent one on read, cancel and start', async () => {
    const before = await h.db.assessments.countDocuments({ facility_id: data.otherFacility });
    for (const [what, forbidden, missing, forbiddenId, missingId] of pairs()) {
      const method = what.startsWith('POST') ? 'POST' : 'GET';
      for (const headers of [bearer(token), { ...bearer(token), 'idempotency-key': `k-${what}` }]) {
        const a = await rawRequest(h.apiUrl, { method, path: forbidden, headers });
        const b = await rawRequest(h.apiUrl, { method, path: missing, headers });
        tries.n += 2;
        expect(
          rejectionProblem(a, (s) => s === 404),
          `${what} forbidden`,
        ).toBeNull();
        expect(
          rejectionProblem(b, (s) => s === 404),
          `${what} missing`,
        ).toBeNull();
        const same = leakFingerprint(a, forbiddenId) === leakFingerprint(b, missingId);
        if (!same) tries.leaks += 1;
        expect(leakFingerprint(a, forbiddenId), what).toBe(leakFingerprint(b, missingId));
      }
    }
    expect(await h.db.assessments.countDocuments({ facility_id: data.otherFacility })).toBe(before);
  });

  it('should keep forbidden facilities out of lists, searches and counts', async () => {
    const get = async <T>(path: string) => {
      tries.n += 1;
      const res = await rawRequest(h.apiUrl, { path, headers: bearer(token) });
      expect(res.status, path).toBe(200);
      return JSON.parse(res.text) as T;
    };
    const list = await get<{ total: number; facilities: { id: string }[] }>('/v1/facilities?limit=100');
    expect(list.facilities.map((f) => f.id)).toEqual([data.ownFacility]);
    expect(list.total).toBe(1);
    expect((await get<{ total: number }>(`/v1/facilities?search=${encodeURIComponent(data.otherName)}`)).total).toBe(0);
    expect((await get<{ total: number }>(`/v1/facilities?search=${encodeURIComponent(data.otherFacility)}`)).total).toBe(0);
    const ownAssessments = await get<{ total: number; assessments: { facility_id: string }[] }>('/v1/assessments?limit=100');
    expect(new Set(ownAssessments.assessments.map((a) => a.facility_id))).toEqual(new Set([data.ownFacility]));
    const forbiddenCount = await get<{ total: number }>(`/v1/assessments?facility_id=${data.otherFacility}`);
    const missingCount = await get<{ total: number }>(`/v1/assessments?facility_id=${data.missingFacility}`);
    expect(forbiddenCount).toEqual(missingCount);
    expect(forbiddenCount.total).toBe(0);
    expect((await get<{ total_facilities: number }>('/v1/portfolio/summary')).total_facilities).toBe(1);
    recordTrial({
      kind: 'attack',
      name: 'Facility outside policy: read, list, search, count, start',
      tries: tries.n,
      survived: tries.n - tries.leaks,
      lost: tries.leaks,
      note: 'forbidden answered byte-for-byte like nonexistent',
    });
  });
});

describe('input bounds', () => {
  let admin: Record<string, string>;
  beforeAll(async () => {
    admin = bearer(await h.token('admin'));
  });

  /** Sends each request; every answer must be a 4xx in the error shape (optionally one status). */
  async function expectRejected(
    name: string,
    requests: { method?: string; path: string; headers?: Record<string, string>; body?: string; chunked?: boolean }[],
    status?: number,
  ) {
    const problems: string[] = [];
    let accepted = 0;
    for (const r of requests) {
      const res: RawResponse = await rawRequest(h.apiUrl, { ...r, headers: { ...admin, ...r.headers } });
      if (res.status < 400) accepted += 1;
      const problem = rejectionProblem(res, status ? (s) => s === status : undefined);
      if (problem) problems.push(`${r.method ?? 'GET'} ${r.path.slice(0, 80)}: ${problem}`);
    }
    expect(problems).toEqual([]);
    recordTrial({ kind: 'attack', name, tries: requests.length, survived: requests.length - problems.length, lost: accepted });
  }

  const json = { 'content-type': 'application/json' };
  const bodyRoutes = [
    '/v1/portfolio/assessments',
    '/v1/portfolio/schedule/backfill',
    `/v1/facilities/${data.ownFacility}/assessments`,
    '/codec/decode',
  ];

  it('should refuse oversize bodies with 413, with or without a Content-Length', async () => {
    const big = JSON.stringify({ force: false, pad: 'x'.repeat(70 * 1024) });
    const huge = JSON.stringify({ payloads: [{ metadata: {}, data: 'A'.repeat(5 * 1024 * 1024) }] });
    await expectRejected(
      'Oversize request bodies',
      [
        ...bodyRoutes.slice(0, 3).flatMap((path) => [
          { method: 'POST', path, headers: json, body: big },
          { method: 'POST', path, headers: json, body: big, chunked: true },
        ]),
        { method: 'POST', path: '/codec/decode', headers: json, body: huge },
        { method: 'POST', path: '/codec/decode', headers: json, body: huge, chunked: true },
      ],
      413,
    );
  });

  it('should refuse headers and URLs beyond what the HTTP server parses with 431, still in the error shape', async () => {
    const token = `${'A'.repeat(10_000)}.${'B'.repeat(10_000)}.C`;
    await expectRejected(
      'Oversize headers and URLs',
      [
        { path: '/v1/facilities', headers: bearer(token) },
        { path: `/v1/facilities?search=${'x'.repeat(20_000)}` },
        { path: `/v1/photos/${'a'.repeat(20_000)}` },
        { path: '/v1/facilities', headers: { 'x-padding': 'p'.repeat(17_000) } },
      ],
      431,
    );
  });

  it('should refuse deeply nested JSON with 400', async () => {
    const deepArray = (n: number) => `{"force":${'['.repeat(n)}${']'.repeat(n)}}`;
    const deepObject = (n: number) => `${'{"a":'.repeat(n)}1${'}'.repeat(n)}`;
    await expectRejected(
      'Deeply nested JSON bodies',
      bodyRoutes.slice(0, 2).flatMap((path) =>
        [10_000, 30_000].flatMap((n) => [
          { method: 'POST', path, headers: json, body: deepArray(n) },
          { method: 'POST', path, headers: json, body: deepObject(Math.floor(n / 3)) },
        ]),
      ),
      400,
    );
  });

  it('should refuse out-of-range limit and page values with 400', async () => {
    const lists = ['/v1/facilities', `/v1/facilities/${data.ownFacility}/equipment`, '/v1/assessments'];
    const limits = ['1000000', '201', '1e308', '99999999999999999999999', 'Infinity', '-1', '0', '1.5', 'abc', ''];
    const pages = ['-1', '0', '-99999999999', '1e400', 'NaN', '100001', '2.5'];
    await expectRejected(
      'Huge or malformed limit',
      lists.flatMap((p) => limits.map((v) => ({ path: `${p}?limit=${encodeURIComponent(v)}` }))),
      400,
    );
    await expectRejected(
      'Negative or malformed page',
      lists.flatMap((p) => pages.map((v) => ({ path: `${p}?page=${encodeURIComponent(v)}` }))),
      400,
    );
  });

  it('should refuse unknown sort fields, orders and filters with 400', async () => {
    const values = ['password', '$where', '__proto__', 'constructor', 'name;drop', 'NAME', 'risk_score desc'];
    await expectRejected(
      'Unknown sort fields and filters',
      [
        ...values.flatMap((v) => [
          { path: `/v1/facilities?sort=${encodeURIComponent(v)}` },
          { path: `/v1/facilities/${data.ownFacility}/equipment?sort=${encodeURIComponent(v)}` },
        ]),
        { path: '/v1/facilities?order=sideways' },
        { path: `/v1/facilities/${data.ownFacility}/equipment?type=reactor` },
        { path: `/v1/facilities/${data.ownFacility}/equipment?risk_level=extreme` },
        { path: '/v1/assessments?status=hacked' },
      ],
      400,
    );
  });

  it('should refuse NoSQL-injection shaped ids, query strings, search text and bodies with 400', async () => {
    const ids = ['{"$ne": null}', '{"$gt": ""}', '[$ne]', '$where', "a'||'1'=='1", 'a b'].map(encodeURIComponent);
    await expectRejected(
      'NoSQL-injection shaped values',
      [
        ...ids.flatMap((id) => [
          { path: `/v1/facilities/${id}` },
          { path: `/v1/facilities/${id}/risks` },
          { path: `/v1/equipment/${id}` },
          { path: `/v1/photos/${id}` },
          { path: `/v1/assessments/${id}` },
          { method: 'POST', path: `/v1/facilities/${id}/assessments` },
          { path: `/v1/assessments?facility_id=${id}` },
        ]),
        ...['id[$ne]=x', 'facility_id[$ne]=x', 'limit[$gt]=0', 'search[$regex]=.*', '$where=1', 'sort[$natural]=1'].flatMap((q) => [
          { path: `/v1/facilities?${q}` },
          { path: `/v1/assessments?${q}` },
          { path: `/v1/facilities/${data.ownFacility}?${q}` },
        ]),
        ...['{"$ne": null}', '{"$regex": ".*"}', '$where', 'x\\'].map((s) => ({ path: `/v1/facilities?search=${encodeURIComponent(s)}` })),
        { path: `/v1/facilities/${data.ownFacility}/equipment?search=${encodeURIComponent('{"$gt": ""}')}` },
        { method: 'POST', path: '/v1/portfolio/assessments', headers: json, body: '{"force": {"$ne": null}}' },
        { method: 'POST', path: '/v1/portfolio/assessments', headers: json, body: '{"force": false, "$where": "1"}' },
        { method: 'POST', path: '/v1/portfolio/schedule/backfill', headers: json, body: '{"start": {"$gt": ""}, "days": 1}' },
      ],
      400,
    );
  });

  it('should refuse path traversal in photo ids with a 4xx, never an image', async () => {
    const paths = [
      '/v1/photos/..%2f..%2fetc%2fpasswd',
      '/v1/photos/%2e%2e%2f%2e%2e%2fetc%2fpasswd',
      '/v1/photos/..%5c..%5cwindows%5cwin.ini',
      '/v1/photos/%252e%252e%252f',
      '/v1/photos/..',
      '/v1/photos/...',
      '/v1/photos/ph-x..y',
      `/v1/photos/${data.otherPhoto}%00.png`,
      '/v1/photos/%2e%2e/thumbnail',
      '/v1/photos/..%2f/thumbnail',
      '/v1/photos/../../etc/passwd',
      '/v1/photos/%2e%2e%2f%2e%2e%2fv1%2ffacilities',
    ];
    await expectRejected(
      'Path traversal in photo ids',
      paths.map((path) => ({ path })),
    );
  });

  it('should refuse a wrong Content-Type with 415 and undeclared methods with 405 + Allow', async () => {
    const res = await rawRequest(h.apiUrl, {
      method: 'POST',
      path: '/v1/portfolio/assessments',
      headers: { ...admin, 'content-type': 'text/plain' },
      body: 'force',
    });
    expect(rejectionProblem(res, (s) => s === 415)).toBeNull();
    const del = await rawRequest(h.apiUrl, { method: 'DELETE', path: `/v1/facilities/${data.ownFacility}`, headers: admin });
    expect(rejectionProblem(del, (s) => s === 405)).toBeNull();
    expect(del.headers['allow']).toBe('GET, HEAD');
  });
});

describe('floods without a token', () => {
  it('should refuse requests without a valid token past the per-address budget with 429, store none of them, and still serve a valid token from that address', async () => {
    const metrics = createApiMetrics();
    // Its own Redis prefix: the other attacks here spent the shared one's budget for 127.0.0.1 already.
    const api = await h.extraApi({ unauthenticatedPerMinute: 20, metrics, env: { REDIS_KEY_PREFIX: `${h.env.REDIS_KEY_PREFIX}flood:` } });
    try {
      const statuses: number[] = [];
      const tries = 50;
      for (let i = 0; i < tries; i++) {
        const res = await rawRequest(api.url, {
          method: 'GET',
          path: `/v1/facilities/${data.ownFacility}/risks`,
          headers: { ...bearer(`forged.token.${i}`), 'x-request-id': `flood-${i}` },
        });
        statuses.push(res.status);
        if (res.status === 429) {
          expect(rejectionProblem(res, (s) => s === 429)).toBeNull();
          expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
        }
      }
      expect(statuses.slice(0, 20)).toEqual(Array(20).fill(401));
      // A fixed one-minute window may end during the flood, granting one more budget of 20 at most.
      expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(tries - 40);
      expect(statuses.every((s) => s === 401 || s === 429)).toBe(true);
      // A real client behind the same address keeps its own budget.
      const ok = await rawRequest(api.url, {
        method: 'GET',
        path: `/v1/facilities/${data.ownFacility}/risks`,
        headers: { ...bearer(await h.token('viewer', [data.ownFacility])), 'x-request-id': 'flood-control' },
      });
      expect(ok.status).toBe(200);
      await api.services.auditLog.flush();
      expect(await countAudit(h.db, { client_request_id: /^flood-\d+$/ }), 'no unauthenticated request is stored').toBe(0);
      expect(await countAudit(h.db, { client_request_id: 'flood-control' })).toBe(1);
      const counted = (await metrics.unauthenticatedRequests.get()).values.reduce((n, v) => n + v.value, 0);
      expect(counted).toBe(tries);
      recordTrial({ kind: 'attack', name: 'flood of bad tokens from one address (budget 20/min)', tries, survived: tries, lost: 0 });
    } finally {
      await api.close();
    }
  });
});

describe('a facility-scoped admin acting on other tenants, over HTTP', () => {
  it("should be refused every act of global administration and every other tenant's subscription, changing nothing", async () => {
    const scoped = await h.token('admin', [data.ownFacility]);
    const hook = (await h.db.webhookSubscriptions.findOne({}))!;
    const runsBefore = await h.db.portfolioRuns.countDocuments({});
    const problems: string[] = [];
    let acted = 0;
    const global = routes.filter(
      (c) => (c.template.startsWith('/v1/portfolio/') && c.template !== '/v1/portfolio/summary') || c.template.startsWith('/codec/'),
    );
    const othersHook = routes.filter((c) => c.template.includes('{subscription_id}'));
    expect(global.length).toBeGreaterThanOrEqual(8);
    expect(othersHook.length).toBeGreaterThanOrEqual(4);
    for (const [calls, expected] of [
      [global, 403],
      [othersHook, 404],
    ] as const) {
      for (const call of calls) {
        const res = await send(h.apiUrl, call, bearer(scoped));
        if (res.status < 400) acted += 1;
        const problem = rejectionProblem(res, (s) => s === expected);
        if (problem) problems.push(`${call.method} ${call.template}: ${problem}`);
      }
    }
    // Listing subscriptions is allowed: it shows none of the global admin's.
    const listed = JSON.parse(
      (await send(h.apiUrl, { method: 'GET', template: '/v1/webhooks/subscriptions', path: '/v1/webhooks/subscriptions' }, bearer(scoped)))
        .text,
    ) as { total: number };
    expect(listed.total).toBe(0);
    expect(problems).toEqual([]);
    expect(await h.db.portfolioRuns.countDocuments({})).toBe(runsBefore);
    const after = (await h.db.webhookSubscriptions.findOne({ _id: hook._id }))!;
    expect(after.secret_sealed, "the other tenant's secret is not rotated").toBe(hook.secret_sealed);
    expect(after.url).toBe(hook.url);
    recordTrial({
      kind: 'attack',
      name: 'facility-scoped admin on global administration and other tenants',
      tries: global.length + othersHook.length,
      survived: global.length + othersHook.length - problems.length,
      lost: acted,
    });
  });
});

describe('the codec and long-lived tokens, over HTTP', () => {
  it('should audit every codec call with who made it, in MongoDB', async () => {
    const res = await rawRequest(h.apiUrl, {
      method: 'POST',
      path: '/codec/encode',
      headers: { ...bearer(await h.token('admin')), 'content-type': 'application/json', 'x-request-id': 'codec-audit-1' },
      body: '{"payloads":[]}',
    });
    expect(res.status).toBe(200);
    expect(res.headers['x-ratelimit-limit'], "held to the caller's rate limit").toBeTruthy();
    await h.apiServices.auditLog.flush();
    expect(await findAudit(h.db, { client_request_id: 'codec-audit-1' })).toMatchObject({
      route: '/codec/encode',
      method: 'POST',
      role: 'admin',
      status: 200,
    });
  });

  it('should refuse a validly signed token that lives longer than the maximum lifetime', async () => {
    const now = Math.floor(Date.now() / 1000);
    const longLived = await sign({ ...forgedClaims(testJwt, now), sub: 'long', iat: now, exp: now + 30 * 86_400 }, testJwt.secret, 'HS256');
    const res = await rawRequest(h.apiUrl, { method: 'GET', path: `/v1/facilities/${data.ownFacility}/risks`, headers: bearer(longLived) });
    expect(rejectionProblem(res, (s) => s === 401)).toBeNull();
  });
});

describe('webhook targets under the production policy, over HTTP', () => {
  it('should refuse loopback, 0.0.0.0/8, link-local and metadata targets whatever the allowlist, and admit only allowlisted private ranges', async () => {
    const api = await h.extraApi({
      env: {
        MASTERBUS_PROFILE: 'production',
        TLS_WAIVED: 'temporal,mongodb,redis',
        WEBHOOK_PRIVATE_CIDRS: '10.20.0.0/16',
        PAYLOAD_KEYS: `hostile:${randomBytes(32).toString('base64')}`,
      },
    });
    const created: string[] = [];
    try {
      const admin = await h.token('admin');
      const subscribe = (url: string) =>
        rawRequest(api.url, {
          method: 'POST',
          path: '/v1/webhooks/subscriptions',
          headers: { ...bearer(admin), 'content-type': 'application/json' },
          body: JSON.stringify({ url, events: ['assessment.completed'] }),
        });
      const refused = [
        'https://127.0.0.1/hook',
        'https://127.9.9.9/hook',
        'https://0.0.0.0/hook',
        'https://0.1.2.3/hook',
        'https://169.254.169.254/latest/meta-data/',
        'https://[fe80::1]/hook',
        'https://[::1]/hook',
        'https://[::ffff:127.0.0.1]/hook',
        'https://localhost/hook',
        'https://10.21.0.5/hook',
        'https://192.168.1.10/hook',
        'http://10.20.0.5/hook',
      ];
      const problems: string[] = [];
      for (const url of refused) {
        const res = await subscribe(url);
        const problem = rejectionProblem(res, (s) => s === 400);
        if (problem) problems.push(`${url}: ${problem}`);
        if (res.status === 201) created.push((JSON.parse(res.text) as { id: string }).id);
      }
      expect(problems).toEqual([]);
      const allowed = await subscribe('https://10.20.0.5/hook');
      expect(allowed.status, allowed.text).toBe(201);
      created.push((JSON.parse(allowed.text) as { id: string }).id);
      recordTrial({
        kind: 'attack',
        name: 'webhook SSRF targets under the production policy (allowlist 10.20.0.0/16)',
        tries: refused.length,
        survived: refused.length - problems.length,
        lost: created.length - 1,
      });
    } finally {
      for (const id of created) await h.db.webhookSubscriptions.deleteOne({ _id: id });
      await api.close();
    }
  });
});
