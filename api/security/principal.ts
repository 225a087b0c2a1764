import { z } from 'zod';

export const roles = ['viewer', 'assessor', 'admin'] as const;
export const zRole = z.enum(roles);
export type Role = z.infer<typeof zRole>;

/**
 * Claims MasterBus requires beyond the signature, iss and aud (checked by hono/jwt): a subject, an expiry, a
 * role, and the facilities the caller may see (`["*"]` for all).
 */
export const zClaims = z.object({
  sub: z.string().min(1),
  exp: z.number().int(),
  role: zRole,
  facilities: z.array(z.string().min(1)).min(1),
});

export interface Principal {
  subject: string;
  role: Role;
  facilities: ReadonlySet<string> | 'all';
}

const rank: Record<Role, number> = { viewer: 0, assessor: 1, admin: 2 };

export function hasRole(p: Principal, needed: Role): boolean {
  return rank[p.role] >= rank[needed];
}

export function canSeeFacility(p: Principal, facilityId: string): boolean {
  return p.facilities === 'all' || p.facilities.has(facilityId);
}
