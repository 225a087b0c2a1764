/** One audited API request (collection `audit_log`). */
export interface AuditEntry {
  at: Date;
  request_id: string;
  subject: string | null;
  role: string | null;
  method: string;
  route: string;
  path: string;
  facility_id: string | null;
  assessment_id: string | null;
  status: number;
  duration_ms: number;
}
