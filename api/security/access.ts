import type { AccessScope } from '../../results/queries.js';
import type { Principal } from './principal.js';

/** The caller's data access policy as a query scope (facility ids and/or organisation ids, or everything). */
export function scopeOf(p: Principal): AccessScope {
  if (p.facilities === 'all') return { all: true };
  return { all: false, facilityIds: [...p.facilities], organizationIds: [...p.organizations] };
}

/** Whether the caller may see a facility; its organisation is known only once it has been assessed. */
export function mayAccess(p: Principal, facilityId: string, organizationId?: string | null): boolean {
  if (p.facilities === 'all' || p.facilities.has(facilityId)) return true;
  return organizationId !== undefined && organizationId !== null && p.organizations.has(organizationId);
}
