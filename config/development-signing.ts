import type { Env } from './env.js';

/** A well-known development secret: fine on a laptop, refused in production (api/jwt-settings.ts). */
export const DEV_JWT_SECRET = 'masterbus-development-secret-do-not-use-in-production';

/** The HS256 signing settings of the development token minter (npm run token, npm start). */
export function devSigningSettings(env: Env): { issuer: string; audience: string; secret: string } {
  return { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, secret: env.JWT_SECRET ?? DEV_JWT_SECRET };
}
