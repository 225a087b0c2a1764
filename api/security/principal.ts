import type { Role } from '../../contract/claims.js';

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
