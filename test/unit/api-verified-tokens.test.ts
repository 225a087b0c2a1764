/**
 * Remembering verified tokens must not loosen authentication: a remembered token still expires on time, becomes
 * valid only at its nbf, and a token differing from a remembered one in any byte is verified afresh.
 */
import { Hono } from 'hono';
import { sign } from 'hono/jwt';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { ApiEnv } from '../../api/api-env.js';
import { ApiError } from '../../api/errors.js';
import { authenticate } from '../../api/security/authenticate.js';

const settings = {
  secret: 'unit-secret-unit-secret-unit-secret-0123',
  issuer: 'masterbus-test',
  audience: 'masterbus-api',
  leewaySeconds: 0,
};

function app() {
  const a = new Hono<ApiEnv>();
  a.use('*', authenticate(settings));
  a.get('/whoami', (c) => c.json({ subject: c.get('principal').subject, role: c.get('principal').role }));
  a.onError((err, c) =>
    c.json(
      { code: err instanceof ApiError ? err.code : 'INTERNAL', details: err instanceof ApiError ? err.details : null },
      err instanceof ApiError ? err.status : 500,
    ),
  );
  return a;
}

const get = (a: ReturnType<typeof app>, token: string) => a.request('/whoami', { headers: { authorization: `Bearer ${token}` } });

async function token(claims: Record<string, unknown>): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign(
    { sub: 'u1', role: 'viewer', facilities: ['*'], iss: settings.issuer, aud: settings.audience, exp: now + 60, ...claims },
    settings.secret,
    'HS256',
  );
}

afterEach(() => {
  vi.useRealTimers();
});

describe('verified-token cache', () => {
  it('should reject a remembered token once it has expired', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const a = app();
    const t = await token({});
    expect((await get(a, t)).status).toBe(200);
    expect((await get(a, t)).status).toBe(200);
    vi.setSystemTime(Date.now() + 61_000);
    const res = await get(a, t);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ code: 'UNAUTHORIZED', details: expect.stringContaining('token expired') });
  });

  it('should keep refusing a remembered token before its nbf, and accept it once nbf has passed', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    const a = app();
    const t = await token({ nbf: Math.floor(Date.now() / 1000) + 30 });
    expect((await get(a, t)).status).toBe(401);
    expect((await get(a, t)).status).toBe(401);
    vi.setSystemTime(Date.now() + 31_000);
    expect((await get(a, t)).status).toBe(200);
  });

  it('should verify afresh a token that differs from a remembered one in its signature or payload', async () => {
    const a = app();
    const t = await token({});
    expect((await get(a, t)).status).toBe(200);
    const [h, p, s] = t.split('.') as [string, string, string];
    const flipped = `${h}.${p}.${s.slice(0, -2)}${s.endsWith('AA') ? 'BA' : 'AA'}`;
    expect((await get(a, flipped)).status).toBe(401);
    const escalated = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(p, 'base64url').toString()), role: 'admin' })).toString(
      'base64url',
    );
    expect((await get(a, `${h}.${escalated}.${s}`)).status).toBe(401);
    expect(await (await get(a, t)).json()).toEqual({ subject: 'u1', role: 'viewer' });
  });
});
