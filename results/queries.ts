/**
 * Listing queries over the precomputed results: filters, search, sort and pagination, restricted by the caller's
 * access scope in the query itself (so counts and pages never include what the caller may not see). Uses only
 * single-collection find/countDocuments with $in/$or/$regex/sort/skip/limit (FerretDB-compatible, tested).
 */
import type { Filter, Sort } from 'mongodb';
import type { Collections } from '../store/collections.js';
import type { EquipmentResultDoc, FacilityResultDoc } from '../store/documents.js';
import type { EquipmentListItem } from '../domain/read-models.js';
import { selectEquipment, type EquipmentListQuery } from './equipment-listing.js';
import type { FacilityResults } from './facility-results.js';

/** What the caller may see: everything, or facilities by id and/or by organisation. */
export type AccessScope = { all: true } | { all: false; facilityIds: readonly string[]; organizationIds: readonly string[] };

export interface Page<T> {
  total: number;
  page: number;
  limit: number;
  items: T[];
}

export function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function scopeFilter(scope: AccessScope): Filter<FacilityResultDoc> {
  if (scope.all) return {};
  return { $or: [{ _id: { $in: [...scope.facilityIds] } }, { organization_id: { $in: [...scope.organizationIds] } }] };
}

export interface FacilityListQuery {
  page: number;
  limit: number;
  sort: 'name' | 'risk_score' | 'last_updated';
  order: 'asc' | 'desc';
  search?: string | undefined;
}

const facilitySortField = { name: 'name', risk_score: 'risk_score', last_updated: 'completed_at' } as const;
/** The index that walks the facilities in each listing order (store/collections.ts). */
const facilitySortIndex = { name: 'by_name_id', risk_score: 'by_risk_id', last_updated: 'by_completed_id' } as const;

export async function listFacilities(
  c: Collections,
  scope: AccessScope,
  q: FacilityListQuery,
): Promise<Page<FacilityResultDoc['list_item']>> {
  const filter: Filter<FacilityResultDoc> = { ...scopeFilter(scope) };
  const search = q.search?.trim();
  if (search) filter.search_text = { $regex: escapeRegex(search.toLowerCase()) };
  const dir = q.order === 'asc' ? 1 : -1;
  // Ties break by id in the same direction, so one {field, _id} index serves both orders (walked either way).
  const sort: Sort = { [facilitySortField[q.sort]]: dir, _id: dir };
  const [total, docs] = await Promise.all([
    // Unscoped, the filter narrows nothing an index holds (substring search at most): count along the sort's index.
    c.facilityResults.countDocuments(filter, scope.all ? { hint: facilitySortIndex[q.sort] } : {}),
    c.facilityResults
      .find(filter, { projection: { list_item: 1 } })
      .sort(sort)
      .skip((q.page - 1) * q.limit)
      .limit(q.limit)
      .toArray(),
  ]);
  return { total, page: q.page, limit: q.limit, items: docs.map((d) => d.list_item) };
}

/** Whether the caller's scope includes a facility (by id, or by its organisation). */
function inScope(scope: AccessScope, facilityId: string, organizationId: string): boolean {
  return scope.all || scope.facilityIds.includes(facilityId) || scope.organizationIds.includes(organizationId);
}

/** The facility's current result if the caller may see it (else null: indistinguishable from "no such facility"). */
export async function visibleFacility(c: Collections, scope: AccessScope, facilityId: string): Promise<FacilityResultDoc | null> {
  const doc = await c.facilityResults.findOne({ _id: facilityId });
  return doc && inScope(scope, doc._id, doc.organization_id) ? doc : null;
}

/**
 * A page of the facility's current equipment: its current assessment's listing chunks (read by _id), filtered,
 * searched, sorted and paged in memory (store/equipment-listing.ts). The pointer may be a moment stale: the
 * facility document read here is the one the listing comes from.
 */
export async function listEquipment(
  c: Collections,
  results: FacilityResults,
  facilityId: string,
  q: EquipmentListQuery,
): Promise<Page<EquipmentListItem>> {
  const doc = await c.facilityResults.findOne({ _id: facilityId }, { projection: { assessment_id: 1, equipment_list_chunks: 1 } });
  if (!doc) return { total: 0, page: q.page, limit: q.limit, items: [] };
  const { total, items } = selectEquipment(await results.listEntries(doc.assessment_id, doc.equipment_list_chunks ?? 0), q);
  return { total, page: q.page, limit: q.limit, items };
}

/** An equipment's detail from its facility's *current* assessment, found through its locator (reads by _id). */
export async function currentEquipment(c: Collections, scope: AccessScope, equipmentId: string): Promise<EquipmentResultDoc | null> {
  const at = await c.equipmentLocators.findOne({ _id: `e:${equipmentId}` });
  if (!at) return null;
  const facility = await visibleFacility(c, scope, at.facility_id);
  if (!facility) return null;
  return c.equipmentResults.findOne({ _id: `${facility.assessment_id}:${equipmentId}` });
}
