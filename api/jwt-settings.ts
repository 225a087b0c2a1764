import { readFileSync } from 'node:fs';
import { isProduction, type Env } from '../config/env.js';
import { DEV_JWT_SECRET } from '../config/development-signing.js';
import { judgeSecret } from '../config/secret-strength.js';
import type { JwtSettings } from './security/authenticate.js';

/** Secrets published in this repository (development default, docker/masterbus.env.example): never accepted in production. */
const PUBLISHED_SECRETS = [DEV_JWT_SECRET, 'change-me-to-32-or-more-random-characters'];

/** Token verification settings from the environment; a missing or unreadable key fails at start, naming it. */
export function jwtSettings(env: Env): JwtSettings {
  const base = {
    issuer: env.JWT_ISSUER,
    audience: env.JWT_AUDIENCE,
    leewaySeconds: env.JWT_LEEWAY_SECONDS,
    maxLifetimeSeconds: env.JWT_MAX_LIFETIME_SECONDS,
  };
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
      if (isProduction(env)) {
        if (!env.JWT_SECRET)
          throw new Error('JWT_SECRET must be set in production (at least 256 bits of entropy, e.g. openssl rand -base64 48)');
        const verdict = judgeSecret(env.JWT_SECRET, PUBLISHED_SECRETS);
        if (!verdict.ok) throw new Error(`JWT_SECRET ${verdict.reason}: refused in production`);
      }
      return { ...base, secret: env.JWT_SECRET ?? DEV_JWT_SECRET };
  }
}
