import type { MiddlewareHandler } from 'hono';
import { verify, verifyWithJwks } from 'hono/jwt';
import type { HonoJsonWebKey } from 'hono/utils/jwt/jws';
import type { ApiEnv } from '../api-env.js';
import { LruCache } from '../../cache/lru.js';
import { ApiError } from '../errors.js';
import { type Principal } from './principal.js';
import { zClaims } from '../../contract/claims.js';

export const DEFAULT_MAX_LIFETIME_SECONDS = 24 * 3600;

/** How tokens are verified. The algorithm is always pinned here: the token's header never chooses it. */
export type JwtSettings = {
  issuer: string;
  audience: string;
  /** Clock-skew tolerance for exp and nbf (seconds). */
  leewaySeconds?: number;
  /** How many verified tokens to remember (0: verify the signature of every request). */
  verifiedTokenCacheEntries?: number;
  /** The longest lifetime a token may have (exp − iat, or exp − now without iat); default 24 h. */
  maxLifetimeSeconds?: number;
} & (
  | { alg?: 'HS256'; secret: string }
  | { alg: 'RS256' | 'ES256'; publicKey: string }
  | { alg: 'JWKS'; keys: HonoJsonWebKey[]; allowedAlgorithms: ('RS256' | 'ES256')[] }
);

function validateSettings(s: JwtSettings): void {
  if ('secret' in s && s.secret.length < 32) throw new Error('JWT secret must be at least 32 characters');
  if ('publicKey' in s && !s.publicKey.includes('BEGIN PUBLIC KEY'))
    throw new Error('JWT public key must be a PEM "BEGIN PUBLIC KEY" block');
  if ('keys' in s && s.keys.length === 0) throw new Error('JWKS has no keys');
}

/** What a verified token proved; its times are checked again on every use. */
interface VerifiedToken {
  payload: unknown;
  principal: Principal;
  exp: number;
  nbf: number | undefined;
}

/** Tokens longer than this are verified on every request rather than remembered (bounds the cache's memory). */
const MAX_CACHED_TOKEN_LENGTH = 2_048;
/** An entry is dropped this long after it was stored (and at the latest once the token has expired). */
const VERIFIED_TOKEN_TTL_MS = 5 * 60_000;

/**
 * Bearer-token authentication: signature with the pinned algorithm, issuer and audience (hono/jwt), then exp/nbf
 * with a small leeway, then our claims (sub, exp, role, facilities/organizations) validated with zod.
 *
 * A client sends the same token on every request, and checking its signature (WebCrypto, asynchronous) was the
 * largest single cost of a cached read. So a token that passed every check is remembered — keyed by its exact
 * text, so a token differing in any byte is verified afresh — in a bounded LRU (`verifiedTokenCacheEntries`,
 * default 10,000, tokens up to 2 KiB: at most ~20 MB), and a repeat only has its exp/nbf checked again against the
 * clock. The keys never change while the process runs, so a signature that verified once verifies again; failed
 * tokens are never remembered.
 */
export function authenticate(settings: JwtSettings): MiddlewareHandler<ApiEnv> {
  validateSettings(settings);
  const verification = { iss: settings.issuer, aud: settings.audience, exp: false, nbf: false, iat: false };
  const leeway = settings.leewaySeconds ?? 30;
  const maxLifetime = settings.maxLifetimeSeconds ?? DEFAULT_MAX_LIFETIME_SECONDS;
  const check = (token: string) => {
    if ('keys' in settings)
      return verifyWithJwks(token, { keys: settings.keys, allowedAlgorithms: settings.allowedAlgorithms, verification });
    if ('publicKey' in settings) return verify(token, settings.publicKey, { alg: settings.alg, ...verification });
    return verify(token, settings.secret, { alg: 'HS256', ...verification });
  };
  const cacheEntries = settings.verifiedTokenCacheEntries ?? 10_000;
  const verified = cacheEntries > 0 ? new LruCache<VerifiedToken>(cacheEntries, VERIFIED_TOKEN_TTL_MS) : null;

  const verifyToken = async (token: string): Promise<VerifiedToken> => {
    let payload: unknown;
    try {
      payload = await check(token);
    } catch (err) {
      // In general terms only: the verifier's own message names the expected issuer, audience or algorithm.
      throw new ApiError(
        'UNAUTHORIZED',
        'Invalid bearer token',
        'the token is malformed, or its signature, algorithm, issuer or audience is not accepted',
        { cause: err },
      );
    }
    const claims = zClaims.safeParse(payload);
    if (!claims.success) {
      throw new ApiError(
        'UNAUTHORIZED',
        'Token is missing required claims',
        claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    }
    const f = claims.data.facilities;
    const nbf = (payload as { nbf?: unknown }).nbf;
    // A stolen long-lived token is a long-lived breach: lifetimes are capped (from iat, else from now).
    const iat = (payload as { iat?: unknown }).iat;
    const issued = typeof iat === 'number' ? iat : Math.floor(Date.now() / 1000);
    if (claims.data.exp - issued > maxLifetime)
      throw new ApiError('UNAUTHORIZED', 'Invalid bearer token', `the token's lifetime exceeds the maximum of ${maxLifetime} s`);
    return {
      payload,
      principal: {
        subject: claims.data.sub,
        role: claims.data.role,
        facilities: f.includes('*') ? 'all' : new Set(f),
        organizations: new Set(claims.data.organizations),
      },
      exp: claims.data.exp,
      nbf: typeof nbf === 'number' ? nbf : undefined,
    };
  };

  return async (c, next) => {
    const header = c.req.header('authorization');
    if (!header) throw new ApiError('UNAUTHORIZED', 'Missing bearer token', 'Send "Authorization: Bearer <JWT>"');
    const m = /^Bearer ([A-Za-z0-9_.-]{1,8192})$/.exec(header);
    if (!m) throw new ApiError('UNAUTHORIZED', 'Malformed Authorization header', 'Expected "Bearer <JWT>" (at most 8 KiB)');
    const token = m[1]!;
    let t = verified?.get(token);
    if (!t) {
      t = await verifyToken(token);
      if (verified && token.length <= MAX_CACHED_TOKEN_LENGTH) verified.set(token, t);
    }
    const now = Math.floor(Date.now() / 1000);
    if (t.exp + leeway <= now)
      throw new ApiError('UNAUTHORIZED', 'Invalid bearer token', `token expired at ${new Date(t.exp * 1000).toISOString()}`);
    if (t.nbf !== undefined && t.nbf - leeway > now)
      throw new ApiError('UNAUTHORIZED', 'Invalid bearer token', `token not valid before ${new Date(t.nbf * 1000).toISOString()}`);
    c.set('jwtPayload', t.payload);
    c.set('principal', t.principal);
    await next();
  };
}
