/**
 * Hardening of the API's edges (issue #14): the request id is the server's, a client's is only kept beside it;
 * photos are served only as raster image types, never sniffed; tokens may not live longer than the maximum; the
 * audit entry of any request is small, whatever the request.
 */
import { sign } from 'hono/jwt';
import { describe, expect, it } from 'vitest';
import { newApp } from '../../api/app.js';
import { AesGcmCodec } from '../../codec/aes-gcm-codec.js';
import { mintToken } from '../../contract/mint-token.js';
import type { ApiServices } from '../../api/services/api-services.js';
import { idempotencyRecordId } from '../../api/services/idempotent.js';
import type { AuditEntry } from '../../store/audit-entry.js';

const hs = { secret: 'unit-secret-unit-secret-unit-secret-0123', issuer: 'masterbus-test', audience: 'masterbus-api' };

function app(photo: { type: string | null; body: string }, audited: AuditEntry[] = []) {
  const services = {
    results: {
      photoFacility: async () => 'fac-00001',
      facilityVisible: async () => true,
      facilityResource: async () => ({ kind: 'not_assessed' }),
    },
    photos: { photo: async () => new Response(photo.body, { headers: photo.type ? { 'content-type': photo.type } : {} }) },
    rateLimiter: {
      check: async (_k: string, limit: number) => ({ allowed: true, limit, remaining: limit, resetAt: 0, store: 'local' as const }),
    },
    audit: { record: (e: AuditEntry) => audited.push(e) },
  } as unknown as ApiServices;
  return newApp({ services, jwt: hs });
}
const bearer = async (ttlSeconds = 600) => ({
  authorization: `Bearer ${await mintToken(hs, { sub: 'v', role: 'viewer', facilities: ['*'], ttlSeconds })}`,
});

describe('request ids', () => {
  it("should generate its own request id, never take the client's, and keep a well-formed client id beside it", async () => {
    const audited: AuditEntry[] = [];
    const a = app({ type: 'image/png', body: 'png' }, audited);
    const res = await a.request('/v1/facilities/fac-00001/risks', { headers: { ...(await bearer()), 'x-request-id': 'forged-id-1' } });
    const id = res.headers.get('x-request-id')!;
    expect(id).toMatch(/^[0-9a-f-]{36}$/);
    expect(id).not.toBe('forged-id-1');
    expect(audited.at(-1)).toMatchObject({ request_id: id, client_request_id: 'forged-id-1' });
    await a.request('/v1/facilities/fac-00001/risks', { headers: { ...(await bearer()), 'x-request-id': '<script>' } });
    expect(audited.at(-1)!.client_request_id).toBeNull();
  });

  it('should answer errors with the same server id in the body and the header', async () => {
    const res = await app({ type: null, body: '' }).request('/v1/facilities/fac-00001/risks', { headers: { 'x-request-id': 'client-2' } });
    expect(res.status).toBe(401);
    const body = (await res.json()) as { error: { request_id: string } };
    expect(body.error.request_id).toBe(res.headers.get('x-request-id'));
    expect(body.error.request_id).not.toBe('client-2');
  });
});

describe('photos', () => {
  it('should serve raster images with their type and nosniff', async () => {
    const res = await app({ type: 'image/jpeg', body: 'jpeg' }).request('/v1/photos/ph-1', { headers: await bearer() });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it("should never serve an upstream SVG or HTML answer as such from the API's origin", async () => {
    for (const type of ['image/svg+xml', 'text/html; charset=utf-8', 'application/javascript', null]) {
      const res = await app({ type, body: '<svg onload="alert(1)"/>' }).request('/v1/photos/ph-1', { headers: await bearer() });
      expect(res.headers.get('content-type'), String(type)).toBe('application/octet-stream');
      expect(res.headers.get('content-disposition')).toBe('attachment');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });
});

describe('token lifetime', () => {
  it('should refuse a token living longer than the maximum (24 h by default), with iat or without', async () => {
    const a = app({ type: null, body: '' });
    const ok = await a.request('/v1/facilities/fac-00001/risks', { headers: await bearer(24 * 3600) });
    expect(ok.status).not.toBe(401);
    const long = await a.request('/v1/facilities/fac-00001/risks', { headers: await bearer(24 * 3600 + 120) });
    expect(long.status).toBe(401);
    expect(((await long.json()) as { error: { details: string } }).error.details).toMatch(/lifetime exceeds/);
    const now = Math.floor(Date.now() / 1000);
    const noIat = await sign(
      { sub: 'v', role: 'viewer', facilities: ['*'], iss: hs.issuer, aud: hs.audience, exp: now + 30 * 86_400 },
      hs.secret,
      'HS256',
    );
    expect((await a.request('/v1/facilities/fac-00001/risks', { headers: { authorization: `Bearer ${noIat}` } })).status).toBe(401);
  });
});

describe('audit entries', () => {
  it('should bound every stored field, whatever the path and query', async () => {
    const audited: AuditEntry[] = [];
    const a = app({ type: null, body: '' }, audited);
    await a.request(`/v1/facilities/${'f'.repeat(5000)}/risks?facility_id=${'q'.repeat(15_000)}`, { headers: await bearer() });
    expect(audited).toHaveLength(1);
    expect(JSON.stringify(audited[0]).length).toBeLessThan(1000);
  });
});

describe('the OpenAPI document', () => {
  it('should serve the same document to every caller, without authentication', async () => {
    const a = app({ type: null, body: '' });
    const first = await (await a.request('/v1/openapi.json')).text();
    const second = await (await a.request('/v1/openapi.json')).text();
    expect(second).toBe(first);
    expect((JSON.parse(first) as { openapi: string }).openapi).toBe('3.1.0');
  });
});

describe('Idempotency-Key records', () => {
  it('should never let two different (caller, target, key) tuples share a record, whatever ":" they hold', () => {
    const a = idempotencyRecordId(['alice', 'facility-assessment', 'fac:1', 'k']);
    const b = idempotencyRecordId(['alice', 'facility-assessment', 'fac', '1:k']);
    const c = idempotencyRecordId(['alice:facility-assessment', 'fac', '1', 'k']);
    expect(new Set([a, b, c]).size).toBe(3);
    expect(idempotencyRecordId(['alice', 'facility-assessment', 'fac:1', 'k'])).toBe(a);
  });
});

describe('the payload codec endpoint', () => {
  const key = Buffer.alloc(32, 7);
  const codecApp = (allowPlaintext: boolean) =>
    newApp({
      services: {
        rateLimiter: {
          check: async (_k: string, limit: number) => ({ allowed: true, limit, remaining: limit, resetAt: 0, store: 'local' as const }),
        },
      } as unknown as ApiServices,
      jwt: hs,
      codec: {
        codec: new AesGcmCodec(new Map([['k1', key]]), 'k1'),
        uiOrigin: 'http://127.0.0.1:8233',
        allowAnonymous: false,
        allowPlaintext,
      },
    });
  const admin = async () => ({
    authorization: `Bearer ${await mintToken(hs, { sub: 'ops', role: 'admin', facilities: ['*'] })}`,
    'content-type': 'application/json',
  });
  const plaintext = {
    payloads: [
      { metadata: { encoding: Buffer.from('json/plain').toString('base64') }, data: Buffer.from('{"forged":true}').toString('base64') },
    ],
  };

  it('should refuse plaintext payloads on decode in production (a forged or downgraded payload), and decode its own', async () => {
    const prod = codecApp(false);
    const refused = await prod.request('/codec/decode', { method: 'POST', headers: await admin(), body: JSON.stringify(plaintext) });
    expect(refused.status).toBe(400);
    expect(((await refused.json()) as { error: { details: string } }).error.details).toMatch(/payloads\.0: not encrypted/);
    const encoded = (await (
      await prod.request('/codec/encode', { method: 'POST', headers: await admin(), body: JSON.stringify(plaintext) })
    ).json()) as typeof plaintext;
    const decoded = await prod.request('/codec/decode', { method: 'POST', headers: await admin(), body: JSON.stringify(encoded) });
    expect(decoded.status).toBe(200);
    expect(((await decoded.json()) as typeof plaintext).payloads[0]!.data).toBe(plaintext.payloads[0]!.data);
  });

  it('should pass plaintext through outside production', async () => {
    const res = await codecApp(true).request('/codec/decode', { method: 'POST', headers: await admin(), body: JSON.stringify(plaintext) });
    expect(res.status).toBe(200);
  });

  it("should audit every decode and encode with who asked, and hold them to the caller's rate limit", async () => {
    const audited: AuditEntry[] = [];
    let used = 0;
    const services = {
      rateLimiter: {
        check: async (_k: string, limit: number) => ({
          allowed: ++used <= limit,
          limit,
          remaining: Math.max(0, limit - used),
          resetAt: Math.floor(Date.now() / 1000) + 60,
          store: 'redis' as const,
        }),
      },
      audit: { record: (e: AuditEntry) => audited.push(e) },
    } as unknown as ApiServices;
    const a = newApp({
      services,
      jwt: hs,
      rateLimits: { viewer: 2, assessor: 2, admin: 2 },
      codec: { codec: new AesGcmCodec(new Map([['k1', key]]), 'k1'), uiOrigin: 'http://127.0.0.1:8233', allowAnonymous: false },
    });
    const statuses = [];
    for (const op of ['encode', 'decode', 'decode'])
      statuses.push((await a.request(`/codec/${op}`, { method: 'POST', headers: await admin(), body: JSON.stringify(plaintext) })).status);
    expect(statuses.slice(0, 2)).toEqual([200, 400]);
    expect(statuses[2]).toBe(429);
    expect(audited.map((e) => [e.route, e.subject, e.status])).toEqual([
      ['/codec/encode', 'ops', 200],
      ['/codec/decode', 'ops', 400],
      ['/codec/decode', 'ops', 429],
    ]);
  });
});
