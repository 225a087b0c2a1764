import type { Env } from '../config/env.js';
import type { JwtSettings } from './security/authenticate.js';

/** A well-known development secret: fine on a laptop, refused in production. */
export const DEV_JWT_SECRET = 'masterbus-development-secret-do-not-use-in-production';

export function jwtSettings(env: Env): JwtSettings {
  if (!env.JWT_SECRET && env.NODE_ENV === 'production') {
    throw new Error('JWT_SECRET must be set in production (32+ characters)');
  }
  return { secret: env.JWT_SECRET ?? DEV_JWT_SECRET, issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE };
}
