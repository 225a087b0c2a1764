import { randomUUID } from 'node:crypto';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import { assessFacilityActivityOptions } from '../../workflows/activity-options.js';
import type { TemporalConfig } from '../../config/temporal-config.js';
import type { AssessmentRepository } from '../../store/assessment-repository.js';
import type { AssessmentRecord } from '../../store/assessment-record.js';
import type { AssessmentStatus, Trigger } from '../../contract/assessment-states.js';
import { terminalStatuses } from '../../contract/assessment-states.js';
import type { AssessFacilityInput } from '../../workflows/assess-facility-input.js';
import { assessmentIdForRun, facilityAssessmentWorkflowId } from '../../workflows/ids.js';
import { FacilityIdKey, TriggerKey } from '../../workflows/search-attributes.js';
import { orUnavailable } from './unavailable.js';
import { temporalCall } from './temporal-call.js';
import { idempotencyRecordId, startOnce } from './idempotent.js';
import type { Collection } from 'mongodb';
import type { IdempotencyKeyDoc } from '../../store/documents.js';

export interface StartedAssessment {
  record: AssessmentRecord;
  /** True when a run was already in progress for the facility and this request joined it. */
  joined: boolean;
}

/** Temporal's view of a run whose record still says it is in flight (the workflow may have ended abruptly). */
const closedStatus: Partial<Record<string, AssessmentStatus>> = {
  FAILED: 'failed',
  TERMINATED: 'failed',
  TIMED_OUT: 'failed',
  CANCELLED: 'cancelled',
};

export class AssessmentService {
  constructor(
    private readonly client: Client,
    private readonly config: TemporalConfig,
    private readonly repo: AssessmentRepository,
    private readonly idempotency: Collection<IdempotencyKeyDoc>,
  ) {}

  /**
   * Starts a facility assessment, or joins the one already running: the workflow id is per facility and the
   * conflict policy USE_EXISTING, so concurrent requests converge on one run (and one assessment id).
   */
  /**
   * As start(), remembering an Idempotency-Key: the same key from the same caller returns the assessment the
   * first request produced, even after it finished (keys are kept 24 h; the API's hourly retention removes older ones, api/open-services.ts).
   */
  async startIdempotent(facilityId: string, requestedBy: string, trigger: Trigger, key: string | undefined): Promise<StartedAssessment> {
    if (!key) return this.start(facilityId, requestedBy, trigger);
    const { result, repeated } = await startOnce(
      this.idempotency,
      idempotencyRecordId([requestedBy, 'facility-assessment', facilityId, key]),
      {
        lookup: async (id) => {
          const record = await this.get(id);
          return record ? { record, joined: true } : null;
        },
        lookupByToken: async (token) => {
          const record = await orUnavailable('MongoDB', () => this.repo.findByStartToken(facilityId, token));
          return record ? { record, joined: true } : null;
        },
        start: async (token) => {
          const started = await this.start(facilityId, requestedBy, trigger, token);
          return { result: started, id: started.record._id };
        },
      },
    );
    return repeated ? { ...result, joined: true } : result;
  }

  /** Asks the run to cancel; the workflow records `cancelled` and leaves the last good result in place. */
  async cancel(record: AssessmentRecord): Promise<void> {
    await temporalCall(this.client, () => this.client.workflow.getHandle(record.workflow_id, record.run_id).cancel());
  }

  list(q: Parameters<AssessmentRepository['list']>[0]) {
    return orUnavailable('MongoDB', () => this.repo.list(q));
  }

  async start(facilityId: string, requestedBy: string, trigger: Trigger, startToken: string = randomUUID()): Promise<StartedAssessment> {
    // A run records its final status in its last activity, a moment before the workflow itself closes (its
    // webhook events are emitted in between). A request in that moment would join a run that has already finished
    // its work: wait for it to close, then start anew — within JOIN_WAIT_MS in all, so a start never hangs; past
    // that the caller is answered with the run it joined (final already: it can start again).
    const deadline = Date.now() + JOIN_WAIT_MS;
    for (;;) {
      const started = await this.startOrJoin(facilityId, requestedBy, trigger, startToken);
      const left = deadline - Date.now();
      if (!started.joined || !terminalStatuses.includes(started.record.status) || left <= 0) return started;
      const handle = this.client.workflow.getHandle(started.record.workflow_id, started.record.run_id);
      await orUnavailable('Temporal', () =>
        withTimeout(
          handle.result().catch(() => undefined),
          left,
        ),
      );
    }
  }

  private async startOrJoin(facilityId: string, requestedBy: string, trigger: Trigger, startToken: string): Promise<StartedAssessment> {
    const input: AssessFacilityInput = {
      facilityId,
      trigger,
      requestedBy,
      startToken,
      activityOptions: assessFacilityActivityOptions(this.config),
    };
    const workflowId = facilityAssessmentWorkflowId(facilityId);
    const handle = await temporalCall(this.client, () =>
      this.client.workflow.start('assessFacility', {
        workflowId,
        taskQueue: this.config.taskQueues.assessments,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        workflowExecutionTimeout: this.config.workflows.assessFacility.executionTimeout as '1h',
        typedSearchAttributes: [
          { key: FacilityIdKey, value: facilityId },
          { key: TriggerKey, value: trigger },
        ],
        memo: { requestedBy },
        staticSummary: `Assess facility ${facilityId}`,
        staticDetails: `Requested by ${requestedBy} via ${trigger}. Fetches Condoit data, scores it with the risk model, publishes the read models.`,
      }),
    );
    const runId = handle.firstExecutionRunId;
    const assessmentId = assessmentIdForRun(runId);
    await orUnavailable('MongoDB', () =>
      this.repo.ensureReportingInsert({
        _id: assessmentId,
        facility_id: facilityId,
        workflow_id: workflowId,
        run_id: runId,
        trigger,
        requested_by: requestedBy,
        requested_at: new Date(),
        start_token: startToken,
      }),
    );
    const record = await orUnavailable('MongoDB', () => this.repo.get(assessmentId));
    if (!record) throw new Error(`assessment ${assessmentId} vanished right after it was recorded`);
    // Whoever wrote the record first (this request or the run's first activity) wrote the run's own token.
    return { record, joined: record.start_token !== startToken };
  }

  /** The assessment's record, reconciled with Temporal when the record still says it is in flight. */
  /** How many of these facilities a portfolio run assessed (their assessments carry the run id as start token). */
  completedInRun(portfolioRunId: string, facilityIds: string[]): Promise<number> {
    if (!facilityIds.length) return Promise.resolve(0);
    return orUnavailable('MongoDB', () => this.repo.countCompletedStartedBy(portfolioRunId, facilityIds));
  }

  async get(assessmentId: string): Promise<AssessmentRecord | null> {
    const record = await orUnavailable('MongoDB', () => this.repo.get(assessmentId));
    if (!record || terminalStatuses.includes(record.status)) return record;
    try {
      const desc = await temporalCall(this.client, () => this.client.workflow.getHandle(record.workflow_id, record.run_id).describe());
      const closed = closedStatus[desc.status.name];
      if (closed) {
        return {
          ...record,
          status: closed,
          completed_at: desc.closeTime ?? record.completed_at,
          error: record.error ?? {
            code: `WORKFLOW_${desc.status.name}`,
            message: `The workflow run ended as ${desc.status.name.toLowerCase()}`,
          },
        };
      }
    } catch (err) {
      // Temporal unreachable or the run gone from retention: the stored record is the best answer we have.
      if (!(err instanceof WorkflowNotFoundError)) return record;
    }
    return record;
  }
}

/** How long a start waits, in all, for a just-finished run of the facility to close before answering. */
const JOIN_WAIT_MS = 8_000;

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p,
    new Promise<undefined>((resolve) => {
      timer = setTimeout(() => resolve(undefined), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
