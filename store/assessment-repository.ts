import type { Filter } from 'mongodb';
import type { Collections } from './collections.js';
import { isDuplicateKey } from './mongo.js';
import { type AssessmentRecord } from './assessment-record.js';
import { terminalStatuses, type AssessmentStatus } from '../contract/assessment-states.js';

export type NewAssessment = Pick<
  AssessmentRecord,
  '_id' | 'facility_id' | 'workflow_id' | 'run_id' | 'trigger' | 'requested_by' | 'requested_at' | 'start_token'
>;

export type AssessmentPatch = Partial<Omit<AssessmentRecord, '_id' | 'facility_id' | 'workflow_id' | 'run_id' | 'requested_at'>>;

/** Which statuses a record may move to a status from: status only moves forward, never out of a terminal one. */
function allowedFrom(to: AssessmentStatus): AssessmentStatus[] {
  if (to === 'queued') return ['queued'];
  if (to === 'running') return ['queued', 'running'];
  return ['queued', 'running'];
}

export class AssessmentRepository {
  constructor(private readonly c: Collections) {}

  /**
   * Records an assessment as queued unless it already exists (the API and the workflow's first activity both
   * call this; whichever comes second changes nothing).
   */
  async ensure(a: NewAssessment): Promise<void> {
    await this.ensureReportingInsert(a);
  }

  /**
   * As ensure(); true when this call created the record (false when it existed already). An insert that may
   * lose a duplicate-key race rather than an upsert with $setOnInsert: FerretDB 1.24 drops null-valued fields
   * from $setOnInsert, and the record's nulls (no result yet, no error) are part of its shape.
   */
  async ensureReportingInsert(a: NewAssessment): Promise<boolean> {
    try {
      await this.c.assessments.insertOne({
        ...a,
        status: 'queued',
        started_at: null,
        completed_at: null,
        updated_at: new Date(),
        progress: { phase: 'queued', percent: 0 },
        snapshot_id: null,
        snapshot_hash: null,
        model_version: null,
        result: null,
        error: null,
      });
      return true;
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
  }

  /**
   * Moves an assessment forward. Returns false when it is already in a state it may not leave (a late or
   * repeated write — e.g. an activity retried after its first attempt landed — changes nothing).
   *
   * Read, then write, both by _id: only the assessment's own workflow writes its record, one activity at a time,
   * so the check needs no compound filter (which FerretDB's SQLite backend would answer by scanning every record).
   */
  async transition(id: string, status: AssessmentStatus, patch: AssessmentPatch = {}): Promise<boolean> {
    const current = await this.c.assessments.findOne({ _id: id }, { projection: { status: 1 } });
    if (!current || !allowedFrom(status).includes(current.status)) return false;
    await this.c.assessments.updateOne({ _id: id }, { $set: { ...patch, status, updated_at: new Date() } });
    return true;
  }

  /** Newest first, restricted to facility ids when given (the caller's access policy). */
  async list(q: {
    facilityIds: readonly string[] | 'all';
    facilityId?: string | undefined;
    status?: AssessmentStatus | undefined;
    page: number;
    limit: number;
  }): Promise<{ total: number; items: AssessmentRecord[] }> {
    const filter: Filter<AssessmentRecord> = {};
    if (q.facilityIds !== 'all') filter.facility_id = { $in: [...q.facilityIds] };
    if (q.facilityId) filter.facility_id = q.facilityIds === 'all' || q.facilityIds.includes(q.facilityId) ? q.facilityId : { $in: [] };
    if (q.status) filter.status = q.status;
    // Newest first, ties by id in the same direction: the order of the by_recent_id index, walked as stored.
    const index = filter.facility_id ? 'by_facility_recent' : 'by_recent_id';
    const [total, items] = await Promise.all([
      this.c.assessments.countDocuments(filter, { hint: index }),
      this.c.assessments
        .find(filter)
        .sort({ requested_at: -1, _id: -1 })
        .skip((q.page - 1) * q.limit)
        .limit(q.limit)
        .toArray(),
    ]);
    return { total, items };
  }

  /** Completed assessments of these facilities started with this token (a portfolio run's id). */
  countCompletedStartedBy(startToken: string, facilityIds: string[]): Promise<number> {
    return this.c.assessments.countDocuments({ facility_id: { $in: facilityIds }, start_token: startToken, status: 'completed' });
  }

  get(id: string): Promise<AssessmentRecord | null> {
    return this.c.assessments.findOne({ _id: id });
  }

  /** The run a start token started (the facility narrows the search to its index). */
  findByStartToken(facilityId: string, startToken: string): Promise<AssessmentRecord | null> {
    return this.c.assessments.findOne({ facility_id: facilityId, start_token: startToken });
  }

  static isTerminal(status: AssessmentStatus): boolean {
    return terminalStatuses.includes(status);
  }
}
