import type { AssessmentStatus, Trigger } from '../contract/assessment-states.js';

/** One full-portfolio reassessment (collection `portfolio_runs`, _id = `prt_<first run id>`). */
export interface PortfolioRunRecord {
  _id: string;
  workflow_id: string;
  run_id: string;
  status: AssessmentStatus;
  trigger: Trigger;
  requested_by: string;
  force: boolean;
  requested_at: Date;
  completed_at: Date | null;
  updated_at: Date;
  counts: { assessed: number; failed: number; skipped: number; listed: number };
  /** The first failures (facility, code, message); the count above is exact. */
  failures: { facility_id: string; code: string; message: string }[];
  error: { code: string; message: string } | null;
}
