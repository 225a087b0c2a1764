import type { MiddlewareHandler } from 'hono';
import { verify, verifyWithJwks } from 'hono/jwt';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { zClaims } from './principal.js';

/** How tokens are verified. The algorithm is always pinned here: the token's header never chooses it. */
export type JwtSettings = {
  issuer: string;
  audience: string;
  /** Clock-skew tolerance for exp and nbf (seconds). */
  leewaySeconds?: number;
} & (
  | { alg?: 'HS256'; secret: string }
  | { alg: 'RS256' | 'ES256'; publicKey: string }
  | { alg: 'JWKS'; keys: HonoJsonWebKey[]; allowedAlgorithms: ('RS256' | 'ES256')[] }
);

function validateSettings(s: JwtSettings): void {
  if ('secret' in s && s.secret.length < 32) throw new Error('JWT secret must be at least 32 characters');
  if ('publicKey' in s && !s.publicKey.includes('BEGIN PUBLIC KEY')) throw new Error('JWT public key must be a PEM "BEGIN PUBLIC KEY" block');
  if ('keys' in s && s.keys.length === 0) throw new Error('JWKS has no keys');
}

/**
 * Bearer-token authentication: signature with the pinned algorithm, issuer and audience (hono/jwt), then exp/nbf
 * with a small leeway, then our claims (sub, exp, role, facilities/organizations) validated with zod.
 */
export function authenticate(settings: JwtSettings): MiddlewareHandler<ApiEnv> {
  validateSettings(settings);
  const verification = { iss: settings.issuer, aud: settings.audience, exp: false, nbf: false, iat: false };
  const leeway = settings.leewaySeconds ?? 30;
  const check = (token: string) => {
    if ('keys' in settings) return verifyWithJwks(token, { keys: settings.keys, allowedAlgorithms: settings.allowedAlgorithms, verification });
    if ('publicKey' in settings) return verify(token, settings.publicKey, { alg: settings.alg, ...verification });
    return verify(token, settings.secret, { alg: 'HS256', ...verification });
  };
  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new ApiError('UNAUTHORIZED', 'Missing bearer token', 'Send "Authorization: Bearer <JWT>"');
    const m = /^Bearer ([A-Za-z0-9_.-]{1,8192})$/.exec(header);
    if (!m) throw new ApiError('UNAUTHORIZED', 'Malformed Authorization header', 'Expected "Bearer <JWT>" (at most 8 KiB)');
    let payload: unknown;
    try {
      payload = await check(m[1]!);
    } catch (err) {
      throw new ApiError('UNAUTHORIZED', 'Invalid bearer token', (err as Error).message, { cause: err });
    }
    const claims = zClaims.safeParse(payload);
    if (!claims.success) {
      throw new ApiError('UNAUTHORIZED', 'Token is missing required claims', claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    const now = Math.floor(Date.now() / 1000);
    if (claims.data.exp + leeway <= now) throw new ApiError('UNAUTHORIZED', 'Invalid bearer token', `token expired at ${new Date(claims.data.exp * 1000).toISOString()}`);
    const nbf = (payload as { nbf?: unknown }).nbf;
    if (typeof nbf === 'number' && nbf - leeway > now) throw new ApiError('UNAUTHORIZED', 'Invalid bearer token', `token not valid before ${new Date(nbf * 1000).toISOString()}`);
    const f = claims.data.facilities;
    c.set('jwtPayload', payload);
    c.set('principal', { subject: claims.data.sub, role: claims.data.role, facilities: f.includes('*') ? 'all' : new Set(f), organizations: new Set(claims.data.organizations) });
    await next();
  };
}
