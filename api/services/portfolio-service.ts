import { controlSchedule, type ScheduleAction } from '../../temporal-admin/schedule-control.js';
import { WorkflowNotFoundError, type Client } from '@temporalio/client';
import type { Collection } from 'mongodb';
import { reassessPortfolioOptions } from '../../workflows/activity-options.js';
import type { TemporalConfig } from '../../config/temporal-config.js';
import { terminalStatuses } from '../../contract/assessment-states.js';
import type { PortfolioRunRecord } from '../../store/portfolio-run-record.js';
import type { IdempotencyKeyDoc } from '../../store/documents.js';
import { isDuplicateKey } from '../../store/mongo.js';
import { portfolioIdForRun, portfolioWorkflowId } from '../../workflows/ids.js';
import type { PortfolioProgress, ReassessPortfolioInput } from '../../workflows/reassess-portfolio-input.js';
import { TriggerKey } from '../../workflows/search-attributes.js';
import { orUnavailable } from './unavailable.js';
import { temporalCall } from './temporal-call.js';
import { idempotencyRecordId, startOnce } from './idempotent.js';

export interface PortfolioRunView {
  record: PortfolioRunRecord;
  progress: PortfolioProgress | null;
}

/** Starts, reads and cancels full-portfolio reassessments, and drives their schedule. */
export class PortfolioService {
  constructor(
    private readonly client: Client,
    private readonly config: TemporalConfig,
    private readonly runs: Collection<PortfolioRunRecord>,
    private readonly idempotency: Collection<IdempotencyKeyDoc>,
  ) {}

  /** As start(), but the same Idempotency-Key from the same caller returns the run the first request started. */
  async startIdempotent(requestedBy: string, force: boolean, key: string | undefined): Promise<PortfolioRunRecord> {
    if (!key) return this.start(requestedBy, force);
    const { result } = await startOnce(this.idempotency, idempotencyRecordId([requestedBy, 'portfolio-assessment', key]), {
      lookup: (id) => orUnavailable('MongoDB', () => this.runs.findOne({ _id: id })),
      // Portfolio runs do not carry the token: a request that died between start and record starts again.
      lookupByToken: () => Promise.resolve(null),
      start: async () => {
        const record = await this.start(requestedBy, force);
        return { result: record, id: record._id };
      },
    });
    return result;
  }

  async start(requestedBy: string, force: boolean): Promise<PortfolioRunRecord> {
    const now = new Date();
    const input: ReassessPortfolioInput = { trigger: 'api', requestedBy, force, options: reassessPortfolioOptions(this.config) };
    const workflowId = portfolioWorkflowId(now);
    const handle = await temporalCall(this.client, () =>
      this.client.workflow.start('reassessPortfolio', {
        workflowId,
        taskQueue: this.config.taskQueues.assessments,
        args: [input],
        workflowIdConflictPolicy: 'USE_EXISTING',
        typedSearchAttributes: [{ key: TriggerKey, value: 'api' }],
        memo: { requestedBy },
        staticSummary: `Portfolio reassessment${force ? ' (forced: every facility)' : ' (changed facilities)'}`,
        staticDetails: `Requested by ${requestedBy} via the API.`,
      }),
    );
    const record: PortfolioRunRecord = {
      _id: portfolioIdForRun(handle.firstExecutionRunId),
      workflow_id: workflowId,
      run_id: handle.firstExecutionRunId,
      status: 'queued',
      trigger: 'api',
      requested_by: requestedBy,
      force,
      requested_at: now,
      completed_at: null,
      updated_at: now,
      counts: { assessed: 0, failed: 0, skipped: 0, listed: 0 },
      failures: [],
      error: null,
    };
    try {
      await orUnavailable('MongoDB', () => this.runs.insertOne(record));
    } catch (err) {
      if (!isDuplicateKey(err)) throw err;
    }
    return (await this.runs.findOne({ _id: record._id })) ?? record;
  }

  /** The run's record, with live progress from the workflow while it runs. */
  async get(id: string): Promise<PortfolioRunView | null> {
    const record = await orUnavailable('MongoDB', () => this.runs.findOne({ _id: id }));
    if (!record) return null;
    if (terminalStatuses.includes(record.status)) return { record, progress: null };
    try {
      const handle = this.client.workflow.getHandle(record.workflow_id);
      const progress = await handle.query<PortfolioProgress>('progress');
      return { record: { ...record, status: 'running' }, progress };
    } catch (err) {
      if (err instanceof WorkflowNotFoundError) return { record, progress: null };
      return { record, progress: null };
    }
  }

  async cancel(record: PortfolioRunRecord): Promise<void> {
    await temporalCall(this.client, () => this.client.workflow.getHandle(record.workflow_id).cancel());
  }

  /** Acts on the portfolio schedule, bounded like every Temporal call of the API. */
  controlSchedule(action: ScheduleAction) {
    return temporalCall(this.client, () => controlSchedule(this.client, this.config, action));
  }
}
