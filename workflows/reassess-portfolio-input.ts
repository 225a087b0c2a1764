import type { ActivityOptions } from '@temporalio/common';
import type { Trigger } from '../contract/assessment-states.js';
import type { AssessFacilityActivityOptions } from './assess-facility-input.js';

export interface ReassessPortfolioOptions {
  concurrency: number;
  pageSize: number;
  continueAsNewAfterEvents: number;
  maxRecordedFailures: number;
  childExecutionTimeout: string;
  activities: { planPortfolioPage: ActivityOptions; recordPortfolioRun: ActivityOptions; publishPortfolioSummary: ActivityOptions };
  facility: AssessFacilityActivityOptions;
}

/** Carried across continue-as-new: where the run is, and what it has done so far. */
export interface PortfolioProgressState {
  cursor: string | null;
  assessed: number;
  failed: number;
  skipped: number;
  listed: number;
  failures: { facility_id: string; code: string; message: string }[];
  startedAt: number;
  continuedAsNew: number;
}

export interface ReassessPortfolioInput {
  trigger: Trigger;
  requestedBy: string;
  /** Reassess every facility, changed or not (default: only those changed since their last assessment). */
  force: boolean;
  options: ReassessPortfolioOptions;
  state?: PortfolioProgressState;
}

export interface PortfolioProgress {
  portfolio_run_id: string;
  phase: 'planning' | 'assessing' | 'summarizing' | 'done';
  assessed: number;
  failed: number;
  skipped: number;
  in_flight: number;
  /** Facilities listed but not yet processed; more may follow until `listing_complete`. */
  remaining: number;
  listing_complete: boolean;
  eta_seconds: number | null;
  continued_as_new: number;
}
