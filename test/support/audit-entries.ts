import type { AuditEntry } from '../../store/audit-entry.js';

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
