/**
 * Equipment listings answered from a facility assessment's listing chunks, in memory: the same filters, search,
 * order and pages as the former MongoDB query ({field, _id} order; missing dates first ascending, last
 * descending, as MongoDB sorts null), without scanning any other facility's equipment.
 */
import type { EquipmentListItem } from '../domain/read-models.js';
import type { EquipmentListEntry } from '../store/documents.js';

export const EQUIPMENT_LIST_CHUNK_SIZE = 1_000;

export interface EquipmentListQuery {
  page: number;
  limit: number;
  type?: string | undefined;
  risk_level?: 'low' | 'medium' | 'high' | 'critical' | undefined;
  sort: 'name' | 'type' | 'risk_rating' | 'install_date' | 'last_service';
  order: 'asc' | 'desc';
  search?: string | undefined;
}

const sortKey = {
  name: 'name',
  type: 'type',
  risk_rating: 'risk_score',
  install_date: 'install_date',
  last_service: 'last_service',
} as const;

type Key = string | number | null;

/** MongoDB's order for the values these fields hold: null < numbers < strings; strings by code unit. */
function compareKeys(a: Key, b: Key): number {
  if (a === b) return 0;
  if (a === null) return -1;
  if (b === null) return 1;
  if (typeof a !== typeof b) return typeof a === 'number' ? -1 : 1;
  return a < b ? -1 : 1;
}

export function selectEquipment(
  entries: readonly EquipmentListEntry[],
  q: EquipmentListQuery,
): { total: number; items: EquipmentListItem[] } {
  const search = q.search?.trim().toLowerCase();
  const matches = entries.filter(
    (e) =>
      (!q.type || e.type === q.type) && (!q.risk_level || e.risk_level === q.risk_level) && (!search || e.search_text.includes(search)),
  );
  const field = sortKey[q.sort];
  const dir = q.order === 'asc' ? 1 : -1;
  // Ties by equipment id ascending, whatever the order (the listing's documented tie-break).
  matches.sort((a, b) => dir * compareKeys(a[field], b[field]) || compareKeys(a.equipment_id, b.equipment_id));
  const start = (q.page - 1) * q.limit;
  return { total: matches.length, items: matches.slice(start, start + q.limit).map((e) => JSON.parse(e.item_json) as EquipmentListItem) };
}

/** Splits a facility assessment's entries into listing chunks of at most EQUIPMENT_LIST_CHUNK_SIZE. */
export function chunkEntries<T>(entries: readonly T[], size = EQUIPMENT_LIST_CHUNK_SIZE): T[][] {
  const chunks: T[][] = [];
  for (let i = 0; i < entries.length; i += size) chunks.push(entries.slice(i, i + size));
  return chunks;
}
