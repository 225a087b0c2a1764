import { readFileSync } from 'node:fs';
import type { Env } from '../config/env.js';
import type { JwtSettings } from './security/authenticate.js';

/** A well-known development secret: fine on a laptop, refused in production. */
export const DEV_JWT_SECRET = 'masterbus-development-secret-do-not-use-in-production';

/** Token verification settings from the environment; a missing or unreadable key fails at start, naming it. */
export function jwtSettings(env: Env): JwtSettings {
  const base = { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, leewaySeconds: env.JWT_LEEWAY_SECONDS };
  const read = (name: string, path: string | undefined) => {
    if (!path) throw new Error(`${name} must be set when JWT_ALG=${env.JWT_ALG}`);
    try {
      return readFileSync(path, 'utf8');
    } catch (err) {
      throw new Error(`${name}: cannot read ${path}: ${(err as Error).message}`);
    }
  };
  switch (env.JWT_ALG) {
    case 'RS256':
    case 'ES256':
      return { ...base, alg: env.JWT_ALG, publicKey: read('JWT_PUBLIC_KEY_FILE', env.JWT_PUBLIC_KEY_FILE) };
    case 'JWKS': {
      const jwks = JSON.parse(read('JWT_JWKS_FILE', env.JWT_JWKS_FILE)) as { keys?: unknown };
      if (!Array.isArray(jwks.keys)) throw new Error('JWT_JWKS_FILE: not a JWKS ({"keys": [...]})');
      return { ...base, alg: 'JWKS', keys: jwks.keys, allowedAlgorithms: ['RS256', 'ES256'] };
    }
    default:
      if (!env.JWT_SECRET && env.NODE_ENV === 'production') throw new Error('JWT_SECRET must be set in production (32+ characters)');
      return { ...base, secret: env.JWT_SECRET ?? DEV_JWT_SECRET };
  }
}

/** The HS256 signing settings of the development token minter (npm run token, npm start). */
export function devSigningSettings(env: Env): { issuer: string; audience: string; secret: string } {
  return { issuer: env.JWT_ISSUER, audience: env.JWT_AUDIENCE, secret: env.JWT_SECRET ?? DEV_JWT_SECRET };
}
