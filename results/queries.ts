/**
 * Listing queries over the precomputed results: filters, search, sort and pagination, restricted by the caller's
 * access scope applied before counting (so counts and pages never include what the caller may not see). Facilities
 * come from the in-memory directory (results/facility-directory.ts); equipment from its listing chunks, by _id.
 */
import type { Collections } from '../store/collections.js';
import type { EquipmentDetailItem, FacilityResultDoc } from '../store/documents.js';
import { readEquipmentDetail } from './equipment-details.js';
import type { ImmutableReads } from './immutable-reads.js';
import type { EquipmentListItem } from '../domain/read-models.js';
import { selectEquipment, type EquipmentListQuery } from './equipment-listing.js';
import type { FacilityResults } from './facility-results.js';
import type { DirectoryRow } from './facility-directory.js';

/** What the caller may see: everything, or facilities by id and/or by organisation. */
export type AccessScope = { all: true } | { all: false; facilityIds: readonly string[]; organizationIds: readonly string[] };

export interface Page<T> {
  total: number;
  page: number;
  limit: number;
  items: T[];
}

export interface FacilityListQuery {
  page: number;
  limit: number;
  sort: 'name' | 'risk_score' | 'last_updated';
  order: 'asc' | 'desc';
  search?: string | undefined;
}

type Row = DirectoryRow;
const compareBy: Record<FacilityListQuery['sort'], (a: Row, b: Row) => number> = {
  name: (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0),
  risk_score: (a, b) => a.risk_score - b.risk_score,
  last_updated: (a, b) => a.completed_at.getTime() - b.completed_at.getTime(),
};
const byId = (a: Row, b: Row) => (a._id < b._id ? -1 : a._id > b._id ? 1 : 0);

/** Every row in a listing order (ascending; ties by id), memoized per directory version. */
const orders = new WeakMap<ReadonlyMap<string, Row>, Map<string, Row[]>>();
function ordered(rows: ReadonlyMap<string, Row>, sort: FacilityListQuery['sort']): Row[] {
  let byRows = orders.get(rows);
  if (!byRows) orders.set(rows, (byRows = new Map()));
  let list = byRows.get(sort);
  if (!list) {
    const cmp = compareBy[sort];
    list = [...rows.values()].sort((a, b) => cmp(a, b) || byId(a, b));
    byRows.set(sort, list);
  }
  return list;
}

/** The directory's rows the caller may see (by facility id or organisation). */
export function rowsInScope(rows: ReadonlyMap<string, Row>, scope: AccessScope): Row[] {
  if (scope.all) return [...rows.values()];
  const ids = new Set(scope.facilityIds);
  const orgs = new Set(scope.organizationIds);
  return [...rows.values()].filter((r) => ids.has(r._id) || orgs.has(r.organization_id));
}

/**
 * A page of the facilities the caller may see, from the directory (results/facility-directory.ts): scope,
 * substring search, sort (ties by id in the same direction) and page, all in memory.
 */
export function listFacilities(
  rows: ReadonlyMap<string, Row>,
  scope: AccessScope,
  q: FacilityListQuery,
): Page<FacilityResultDoc['list_item']> {
  const search = q.search?.trim().toLowerCase();
  const ids = scope.all ? null : new Set(scope.facilityIds);
  const orgs = scope.all ? null : new Set(scope.organizationIds);
  const asc = ordered(rows, q.sort);
  const matches: Row[] = [];
  for (let i = 0; i < asc.length; i++) {
    const r = asc[q.order === 'asc' ? i : asc.length - 1 - i]!;
    if (ids && !ids.has(r._id) && !orgs!.has(r.organization_id)) continue;
    if (search && !r.search_text.includes(search)) continue;
    matches.push(r);
  }
  const from = (q.page - 1) * q.limit;
  return { total: matches.length, page: q.page, limit: q.limit, items: matches.slice(from, from + q.limit).map((r) => r.list_item) };
}

/** Whether the caller's scope includes a facility (by id, or by its organisation). */
function inScope(scope: AccessScope, facilityId: string, organizationId: string): boolean {
  return scope.all || scope.facilityIds.includes(facilityId) || scope.organizationIds.includes(organizationId);
}

/** The facility's current result if the caller may see it (else null: indistinguishable from "no such facility"). */
/** The facility's current assessment, where its equipment details are, and whether the scope sees it. */
async function visibleFacility(
  c: Collections,
  scope: AccessScope,
  facilityId: string,
): Promise<Pick<FacilityResultDoc, '_id' | 'assessment_id' | 'organization_id' | 'equipment_detail'> | null> {
  const doc = await c.facilityResults.findOne(
    { _id: facilityId },
    { projection: { assessment_id: 1, organization_id: 1, equipment_detail: 1 } },
  );
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
export async function currentEquipment(
  c: Collections,
  scope: AccessScope,
  equipmentId: string,
  reads?: ImmutableReads,
): Promise<(EquipmentDetailItem & { facility_id: string; assessment_id: string }) | null> {
  const at = await c.equipmentLocators.findOne({ _id: `e:${equipmentId}` });
  if (!at) return null;
  const facility = await visibleFacility(c, scope, at.facility_id);
  if (!facility) return null;
  const item = await readEquipmentDetail(c, facility.assessment_id, facility.equipment_detail, equipmentId, reads);
  return item && { ...item, facility_id: facility._id, assessment_id: facility.assessment_id };
}
