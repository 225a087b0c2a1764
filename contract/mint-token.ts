import { sign } from 'hono/jwt';
import type { Role } from './claims.js';

export interface TokenRequest {
  sub: string;
  role: Role;
  facilities: string[];
  organizations?: string[];
  ttlSeconds?: number;
  /** Overrides for tests of rejection paths (expired, wrong issuer...). */
  claims?: Record<string, unknown>;
}

/** Signs an HS256 token the API accepts (development tooling and tests). */
/** Signing material: the HS256 secret, or a private key (PEM) for RS256/ES256 test tokens. */
export type SigningSettings = { issuer: string; audience: string } & (
  { secret: string } | { privateKey: string; alg: 'RS256' | 'ES256'; kid?: string }
);

export function mintToken(settings: SigningSettings, req: TokenRequest): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return sign(
    {
      sub: req.sub,
      role: req.role,
      facilities: req.facilities,
      ...(req.organizations ? { organizations: req.organizations } : {}),
      iss: settings.issuer,
      aud: settings.audience,
      iat: now,
      nbf: now - 5,
      exp: now + (req.ttlSeconds ?? 3600),
      ...req.claims,
    },
    'secret' in settings ? settings.secret : settings.privateKey,
    'secret' in settings ? 'HS256' : settings.alg,
  );
}
