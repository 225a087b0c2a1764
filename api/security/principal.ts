import { z } from 'zod';

export const roles = ['viewer', 'assessor', 'admin'] as const;
export const zRole = z.enum(roles);
export type Role = z.infer<typeof zRole>;

/**
 * Claims MasterBus requires beyond the signature, iss and aud (checked by hono/jwt): a subject, an expiry, a
 * role, and the data the caller may see — facility ids (`["*"]` for all) and/or organisation ids.
 */
export const zClaims = z
  .object({
    sub: z.string().min(1),
    exp: z.number().int(),
    role: zRole,
    facilities: z.array(z.string().min(1)).max(10_000).default([]),
    organizations: z.array(z.string().min(1)).max(1_000).default([]),
  })
  .refine((c) => c.facilities.length + c.organizations.length > 0, { message: 'facilities or organizations must list what the caller may see', path: ['facilities'] });

export interface Principal {
  subject: string;
  role: Role;
  facilities: ReadonlySet<string> | 'all';
  organizations: ReadonlySet<string>;
}

const rank: Record<Role, number> = { viewer: 0, assessor: 1, admin: 2 };

export function hasRole(p: Principal, needed: Role): boolean {
  return rank[p.role] >= rank[needed];
}

/** Facility-id policy only (before the facility's organisation is known); see access.ts for the full check. */
export function canSeeFacility(p: Principal, facilityId: string): boolean {
  return p.facilities === 'all' || p.facilities.has(facilityId);
}
