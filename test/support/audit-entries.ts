import type { AuditEntry } from '../../store/audit-entry.js';
import { AuditStore, type AuditCollections } from '../../store/audit-store.js';

/** An audit entry of a viewer's risks read, with the request id `<prefix>-<i>` (and anything `extra` changes). */
export const auditEntry = (i: number, prefix = 'r', extra: Partial<AuditEntry> = {}): AuditEntry => ({
  at: new Date(),
  request_id: `${prefix}-${i}`,
  client_request_id: null,
  subject: 'reader',
  role: 'viewer',
  method: 'GET',
  route: '/v1/facilities/:facility_id/risks',
  path: '/v1/facilities/fac-00001/risks',
  facility_id: 'fac-00001',
  assessment_id: null,
  returned_ids: null,
  status: 200,
  duration_ms: 1,
  ...extra,
});

type AuditMatch = { [K in keyof AuditEntry]?: AuditEntry[K] | RegExp };

const matches = (e: AuditEntry, m: AuditMatch) =>
  Object.entries(m).every(([k, v]) => {
    const x = e[k as keyof AuditEntry];
    return v instanceof RegExp ? typeof x === 'string' && v.test(x) : x === v;
  });

/** The stored audit entries recorded since `since` (default: the last six hours) that match every field given. */
export async function auditEntriesOf(c: AuditCollections, match: AuditMatch = {}, since = new Date(Date.now() - 6 * 3_600_000)) {
  return (await new AuditStore(c).entries(since)).filter((e) => matches(e, match));
}

export const findAudit = async (c: AuditCollections, match: AuditMatch) => (await auditEntriesOf(c, match))[0] ?? null;
export const countAudit = async (c: AuditCollections, match: AuditMatch) => (await auditEntriesOf(c, match)).length;
