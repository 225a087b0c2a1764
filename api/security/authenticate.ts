import type { MiddlewareHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import { jwt } from 'hono/jwt';
import type { ApiEnv } from '../api-env.js';
import { ApiError } from '../errors.js';
import { zClaims } from './principal.js';

export interface JwtSettings {
  secret: string;
  issuer: string;
  audience: string;
}

/**
 * Bearer-token authentication: hono/jwt with the algorithm pinned to HS256 (the token header never chooses it),
 * issuer and audience enforced, then our own claims (sub, exp, role, facilities) validated with zod.
 */
export function authenticate(settings: JwtSettings): MiddlewareHandler<ApiEnv> {
  if (settings.secret.length < 32) throw new Error('JWT secret must be at least 32 characters');
  const verify = jwt({ secret: settings.secret, alg: 'HS256', verification: { iss: settings.issuer, aud: settings.audience } });
  return async (c, next) => {
    if (!c.req.header('authorization')) {
      throw new ApiError('UNAUTHORIZED', 'Missing bearer token', 'Send "Authorization: Bearer <JWT>"');
    }
    try {
      await verify(c, async () => {});
    } catch (err) {
      if (err instanceof HTTPException && err.status === 401) {
        throw new ApiError('UNAUTHORIZED', 'Invalid bearer token', err.message, { cause: err });
      }
      throw err;
    }
    const claims = zClaims.safeParse(c.get('jwtPayload'));
    if (!claims.success) {
      throw new ApiError('UNAUTHORIZED', 'Token is missing required claims', claims.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '));
    }
    const f = claims.data.facilities;
    c.set('principal', { subject: claims.data.sub, role: claims.data.role, facilities: f.includes('*') ? 'all' : new Set(f), organizations: new Set(claims.data.organizations) });
    await next();
  };
}
