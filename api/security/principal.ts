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

/**
 * Global administration — portfolio runs, the schedule, the payload codec, webhook subscriptions — acts on every
 * tenant at once: it needs the admin role *and* every facility. A facility-scoped admin administers only its scope.
 */
export function isGlobalAdmin(p: Principal): boolean {
  return hasRole(p, 'admin') && p.facilities === 'all';
}

/** Why a principal is not a global admin, for a 403's details (its own role and scope, nothing else). */
export function globalAdminRefusal(p: Principal): string {
  return hasRole(p, 'admin') ? 'your token is limited to some facilities; this acts on every facility' : `your role is ${p.role}`;
}

/** Facility-id policy only (before the facility's organisation is known); see access.ts for the full check. */
export function canSeeFacility(p: Principal, facilityId: string): boolean {
  return p.facilities === 'all' || p.facilities.has(facilityId);
}
