import { sign } from 'hono/jwt';
import type { JwtSettings } from './authenticate.js';
import type { Role } from './principal.js';

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
export function mintToken(settings: JwtSettings, req: TokenRequest): Promise<string> {
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
    settings.secret,
    'HS256',
  );
}
