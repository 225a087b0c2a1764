import type { FacilityCompliance, FacilityDetail, FacilityRisks, TrendPoint } from '../domain/read-models.js';
import type { Collections } from './collections.js';
import type { EquipmentResultDoc, FacilityHistoryDoc, FacilityResultDoc } from './documents.js';

const HISTORY_MONTHS = 12;
const EQUIPMENT_BATCH = 500;

export function monthLabel(d: Date): string {
  return d.toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

const trendPoint = (h: FacilityHistoryDoc): TrendPoint => ({ month: h.month, risk_score: h.risk_score, equipment_count: h.equipment_count, equipment_age: h.equipment_age });

/** Facility and equipment results: written by the scoring activity, read by the API. */
export class FacilityResultRepository {
  constructor(private readonly c: Collections) {}

  /** Writes an assessment's equipment results (idempotent upserts keyed by assessment and equipment). */
  async writeEquipment(docs: EquipmentResultDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += EQUIPMENT_BATCH) {
      const batch = docs.slice(i, i + EQUIPMENT_BATCH);
      await this.c.equipmentResults.bulkWrite(
        batch.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
        { ordered: false },
      );
    }
  }

  /**
   * Makes a completed assessment the facility's current result (one document replace: the switch-over), records
   * the month's history point, then removes equipment results of superseded assessments.
   */
  async publish(doc: FacilityResultDoc): Promise<void> {
    await this.c.facilityResults.replaceOne({ _id: doc._id }, doc, { upsert: true });
    const monthKey = doc.completed_at.toISOString().slice(0, 7);
    await this.c.facilityHistory.replaceOne(
      { _id: `${doc._id}:${monthKey}` },
      {
        facility_id: doc._id,
        month_key: monthKey,
        month: monthLabel(doc.completed_at),
        risk_score: doc.risks.risk_summary.risk_score,
        equipment_count: doc.list_item.equipment_count,
        equipment_age: doc.mean_equipment_age,
        assessment_id: doc.assessment_id,
      },
      { upsert: true },
    );
    await this.c.equipmentResults.deleteMany({ facility_id: doc._id, assessment_id: { $ne: doc.assessment_id } });
  }

  current(facilityId: string): Promise<FacilityResultDoc | null> {
    return this.c.facilityResults.findOne({ _id: facilityId });
  }

  /** The last 12 monthly points, oldest first. */
  async history(facilityId: string): Promise<(TrendPoint & { month_key: string })[]> {
    const docs = await this.c.facilityHistory.find({ facility_id: facilityId }).sort({ facility_id: 1, month_key: -1 }).limit(HISTORY_MONTHS).toArray();
    return docs.reverse().map((h) => ({ ...trendPoint(h), month_key: h.month_key }));
  }

  /** The contract's /risks body, or null when no assessment has completed yet. */
  async readRisks(facilityId: string): Promise<FacilityRisks | null> {
    const doc = await this.current(facilityId);
    if (!doc) return null;
    const history = await this.history(facilityId);
    return { ...doc.risks, historical_trend: history.map(({ month_key: _k, ...p }) => p) };
  }

  async readFacility(facilityId: string): Promise<FacilityDetail | null> {
    const doc = await this.current(facilityId);
    if (!doc) return null;
    const history = await this.history(facilityId);
    return { ...doc.detail, historical_risk: history.map(({ month_key: _k, ...p }) => p) };
  }

  async readCompliance(facilityId: string): Promise<FacilityCompliance | null> {
    return (await this.current(facilityId))?.compliance ?? null;
  }
}
