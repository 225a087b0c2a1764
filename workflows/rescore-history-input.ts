import type { ActivityOptions } from '@temporalio/common';

export interface RescoreHistoryOptions {
  /** Facilities re-scored at once (activities in flight). */
  concurrency: number;
  pageSize: number;
  continueAsNewAfterEvents: number;
  maxRecordedFailures: number;
  activities: { planHistoryRescorePage: ActivityOptions; rescoreFacilityHistory: ActivityOptions };
}

/** Carried across continue-as-new: the last facility _id read, and what has been done so far. */
export interface RescoreHistoryState {
  cursor: string | null;
  /** Facility results read, and those of them that had points of another version. */
  scanned: number;
  facilities: number;
  /** Points re-scored, and points dropped because their snapshot is gone. */
  rescored: number;
  dropped: number;
  failed: number;
  failures: { facility_id: string; message: string }[];
  continuedAsNew: number;
}

export interface RescoreHistoryInput {
  /** The model version the trend is re-scored under: the workers' MODEL_VERSION when the run was started. */
  modelVersion: string;
  options: RescoreHistoryOptions;
  state?: RescoreHistoryState;
}

export interface RescoreHistoryProgress {
  model_version: string;
  scanned: number;
  facilities: number;
  rescored: number;
  dropped: number;
  failed: number;
  in_flight: number;
  continued_as_new: number;
  done: boolean;
}
