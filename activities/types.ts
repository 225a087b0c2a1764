import type { AssessmentPhase, AssessmentStatus, Trigger } from '../contract/assessment-states.js';

/** Identity of one facility assessment run, passed to every activity (small: it goes through history). */
export interface AssessmentRef {
  assessmentId: string;
  facilityId: string;
  workflowId: string;
  runId: string;
  trigger: Trigger;
  requestedBy: string;
  startToken: string;
  /** Epoch ms when the run was requested (workflow start time). */
  requestedAt: number;
}

export interface StatusUpdate {
  status: AssessmentStatus;
  phase: AssessmentPhase;
  percent: number;
  error?: { code: string; message: string };
}

export interface SnapshotSummary {
  snapshotId: string;
  hash: string;
  equipmentCount: number;
  dataQualityIssueCount: number;
}

export interface AssessmentOutcome {
  assessmentId: string;
  facilityId: string;
  riskScore: number;
  riskLevel: string;
  equipmentCount: number;
  dataQualityIssueCount: number;
  modelVersion: string;
  snapshotHash: string;
}
