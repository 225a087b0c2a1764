import type { Collections } from './collections.js';
import { isDuplicateKey } from './mongo.js';
import { assessmentStartId, type AssessmentRecord } from './assessment-record.js';
import { Feeds, type FeedPage } from './feed.js';
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

/**
 * The feeds assessments are listed from (store/feed.ts): every run, newest requested first, overall and per
 * facility; and per final status, newest finished first, overall and per facility. Runs not yet final are listed
 * from `active_assessments` (at most the runs in flight).
 */
export const assessmentFeeds = {
  all: 'asm',
  facility: (facilityId: string) => `asm|f:${facilityId}`,
  status: (status: AssessmentStatus) => `asm|s:${status}`,
  facilityStatus: (facilityId: string, status: AssessmentStatus) => `asm|f:${facilityId}|s:${status}`,
};

export class AssessmentRepository {
  private readonly feeds: Feeds;

  constructor(private readonly c: Collections) {
    this.feeds = new Feeds(c.feedHeads, c.feedRows);
  }

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
    // The start token's entry first, whoever creates the record: a request cut off after the record's insert (an
    // API killed mid-start) must still be found by its token on retry, or the retry would start a second run once
    // the first has finished (test/reliability/api-crash.test.ts).
    await this.c.assessmentStarts
      .insertOne({ _id: assessmentStartId(a.start_token, a.facility_id), assessment_id: a._id })
      .catch(ignoreDuplicate);
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
    } catch (err) {
      if (isDuplicateKey(err)) return false;
      throw err;
    }
    // Only the writer that created the record lists it (a crash in between leaves it unlisted: the window is
    // these two writes).
    await Promise.all([
      this.feeds.append([assessmentFeeds.all, assessmentFeeds.facility(a.facility_id)], { ref: a._id, at: a.requested_at }),
      this.c.activeAssessments
        .insertOne({ _id: a._id, facility_id: a.facility_id, status: 'queued', requested_at: a.requested_at })
        .catch(ignoreDuplicate),
    ]);
    return true;
  }

  /**
   * Moves an assessment forward. Returns false when it is already in a state it may not leave (a late or
   * repeated write — e.g. an activity retried after its first attempt landed — changes nothing).
   *
   * One conditional update by _id (indexed and atomic on MongoDB, and on FerretDB with our build patches): of two
   * racing writers exactly one moves it into a final status, and that one lists it under that status.
   */
  async transition(id: string, status: AssessmentStatus, patch: AssessmentPatch = {}): Promise<boolean> {
    const now = new Date();
    const moved = await this.c.assessments.findOneAndUpdate(
      { _id: id, status: { $in: allowedFrom(status) } },
      { $set: { ...patch, status, updated_at: now } },
    );
    if (!moved) return false;
    if (terminalStatuses.includes(status)) {
      await this.feeds.append([assessmentFeeds.status(status), assessmentFeeds.facilityStatus(moved.facility_id, status)], {
        ref: id,
        at: now,
      });
      await this.c.activeAssessments.deleteOne({ _id: id });
    } else if (status === 'running' && moved.status === 'queued') {
      // (findOneAndUpdate returns the record as it was: only its first move to running changes the entry.)
      await this.c.activeAssessments.updateOne({ _id: id }, { $set: { status: 'running' } });
    }
    return true;
  }

  /**
   * Newest first, restricted to facility ids when given (the caller's access policy). Every page is read by _id
   * from a feed (or, for runs not yet final, from the runs in flight): its cost does not grow with the history.
   */
  async list(q: {
    facilityIds: readonly string[] | 'all';
    facilityId?: string | undefined;
    status?: AssessmentStatus | undefined;
    page: number;
    limit: number;
  }): Promise<{ total: number; items: AssessmentRecord[] }> {
    const facilities: readonly string[] | 'all' =
      q.facilityId !== undefined ? (q.facilityIds === 'all' || q.facilityIds.includes(q.facilityId) ? [q.facilityId] : []) : q.facilityIds;
    if (facilities !== 'all' && facilities.length === 0) return { total: 0, items: [] };
    const offset = (q.page - 1) * q.limit;
    const page =
      q.status === 'queued' || q.status === 'running'
        ? await this.activePage(facilities, q.status, offset, q.limit)
        : await this.feeds.pageOfUnion(feedsOf(facilities, q.status), offset, q.limit);
    return { total: page.total, items: await this.byIds(page.rows.map((r) => r.ref)) };
  }

  /**
   * Runs in flight with this status, newest requested first, read from `active_assessments` and checked against
   * their records (an entry whose run has since become final — its removal raced the entry's insert — is removed).
   */
  private async activePage(
    facilities: readonly string[] | 'all',
    status: 'queued' | 'running',
    offset: number,
    limit: number,
  ): Promise<FeedPage> {
    const wanted = facilities === 'all' ? null : new Set(facilities);
    const candidates = (await this.c.activeAssessments.find({}).toArray()).filter((a) => !wanted || wanted.has(a.facility_id));
    const records = new Map<string, AssessmentRecord>();
    for (let i = 0; i < candidates.length; i += 1000) {
      const ids = candidates.slice(i, i + 1000).map((a) => a._id);
      for (const r of await this.c.assessments.find({ _id: { $in: ids } }, { projection: { status: 1 } }).toArray()) records.set(r._id, r);
    }
    const stale = candidates.filter((a) => {
      const r = records.get(a._id);
      return !r || terminalStatuses.includes(r.status);
    });
    if (stale.length > 0) await this.c.activeAssessments.deleteMany({ _id: { $in: stale.map((a) => a._id) } });
    const rows = candidates
      .filter((a) => records.get(a._id)?.status === status)
      .map((a) => ({ ref: a._id, at: a.requested_at }))
      .sort((a, b) => b.at.getTime() - a.at.getTime() || (a.ref < b.ref ? 1 : -1));
    return { total: rows.length, rows: rows.slice(offset, offset + limit) };
  }

  /** Records by id, in the order asked (ids with no record are left out). */
  private async byIds(ids: readonly string[]): Promise<AssessmentRecord[]> {
    if (ids.length === 0) return [];
    const found = new Map((await this.c.assessments.find({ _id: { $in: [...ids] } }).toArray()).map((r) => [r._id, r]));
    return ids.flatMap((id) => found.get(id) ?? []);
  }

  /**
   * The facility's latest completed assessment before this one (the newest finished first of its completed feed
   * that was requested no later than this one): what a risk-level change is measured against.
   */
  async previousCompleted(facilityId: string, assessmentId: string, requestedAt: Date): Promise<AssessmentRecord | null> {
    const { rows } = await this.feeds.page(assessmentFeeds.facilityStatus(facilityId, 'completed'), 0, 8);
    const candidates = (await this.byIds(rows.map((r) => r.ref).filter((id) => id !== assessmentId))).filter(
      (r) => r.requested_at <= requestedAt,
    );
    return candidates.sort((a, b) => b.requested_at.getTime() - a.requested_at.getTime() || (a._id < b._id ? 1 : -1))[0] ?? null;
  }

  /** Completed assessments of these facilities started with this token (a portfolio run's id). */
  async countCompletedStartedBy(startToken: string, facilityIds: string[]): Promise<number> {
    let n = 0;
    for (let i = 0; i < facilityIds.length; i += 1000) {
      const starts = await this.c.assessmentStarts
        .find({ _id: { $in: facilityIds.slice(i, i + 1000).map((f) => assessmentStartId(startToken, f)) } })
        .toArray();
      if (starts.length === 0) continue;
      n += await this.c.assessments.countDocuments({ _id: { $in: starts.map((s) => s.assessment_id) }, status: 'completed' });
    }
    return n;
  }

  get(id: string): Promise<AssessmentRecord | null> {
    return this.c.assessments.findOne({ _id: id });
  }

  /** The run a start token started for a facility. */
  async findByStartToken(facilityId: string, startToken: string): Promise<AssessmentRecord | null> {
    const start = await this.c.assessmentStarts.findOne({ _id: assessmentStartId(startToken, facilityId) });
    return start ? this.get(start.assessment_id) : null;
  }

  static isTerminal(status: AssessmentStatus): boolean {
    return terminalStatuses.includes(status);
  }
}

function feedsOf(facilities: readonly string[] | 'all', status: AssessmentStatus | undefined): string[] {
  if (facilities === 'all') return [status ? assessmentFeeds.status(status) : assessmentFeeds.all];
  return facilities.map((f) => (status ? assessmentFeeds.facilityStatus(f, status) : assessmentFeeds.facility(f)));
}

function ignoreDuplicate(err: unknown): void {
  if (!isDuplicateKey(err)) throw err;
}
