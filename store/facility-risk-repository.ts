import type { FacilityRisks } from '../domain/read-models.js';
import type { Collections } from './collections.js';
import type { EquipmentRiskDoc, FacilityRisksDoc } from './documents.js';

const HISTORY_MONTHS = 12;
const EQUIPMENT_BATCH = 500;

export function monthLabel(d: Date): string {
  return d.toLocaleString('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });
}

export class FacilityRiskRepository {
  constructor(private readonly c: Collections) {}

  /** Writes an assessment's scored equipment (idempotent upserts keyed by assessment and equipment). */
  async writeEquipmentRisks(docs: EquipmentRiskDoc[]): Promise<void> {
    for (let i = 0; i < docs.length; i += EQUIPMENT_BATCH) {
      const batch = docs.slice(i, i + EQUIPMENT_BATCH);
      await this.c.equipmentRisks.bulkWrite(
        batch.map((d) => ({ replaceOne: { filter: { _id: d._id }, replacement: d, upsert: true } })),
        { ordered: false },
      );
    }
  }

  /**
   * Makes a completed assessment the facility's current result: one document replace is the switch-over, so
   * readers see the old result or the new one, never a mix. Then records the month's history point and removes
   * equipment results of superseded assessments.
   */
  async publish(doc: FacilityRisksDoc, history: { equipmentCount: number; meanAge: number }): Promise<void> {
    await this.c.facilityRisks.replaceOne({ _id: doc._id }, doc, { upsert: true });
    const monthKey = doc.completed_at.toISOString().slice(0, 7);
    await this.c.facilityHistory.replaceOne(
      { _id: `${doc._id}:${monthKey}` },
      {
        facility_id: doc._id,
        month_key: monthKey,
        month: monthLabel(doc.completed_at),
        risk_score: doc.risk_summary.risk_score,
        equipment_count: history.equipmentCount,
        equipment_age: history.meanAge,
        assessment_id: doc.assessment_id,
      },
      { upsert: true },
    );
    await this.c.equipmentRisks.deleteMany({ facility_id: doc._id, assessment_id: { $ne: doc.assessment_id } });
  }

  async current(facilityId: string): Promise<FacilityRisksDoc | null> {
    return this.c.facilityRisks.findOne({ _id: facilityId });
  }

  /** The contract's /risks body for a facility, or null when no assessment has completed yet. */
  async read(facilityId: string): Promise<FacilityRisks | null> {
    const doc = await this.current(facilityId);
    if (!doc) return null;
    const history = await this.c.facilityHistory
      .find({ facility_id: facilityId })
      .sort({ facility_id: 1, month_key: -1 })
      .limit(HISTORY_MONTHS)
      .toArray();
    const { _id, assessment_id, model_version, snapshot_hash, completed_at, ...body } = doc;
    void _id; void assessment_id; void model_version; void snapshot_hash; void completed_at;
    return {
      ...body,
      historical_trend: history.reverse().map((h) => ({ month: h.month, risk_score: h.risk_score, equipment_count: h.equipment_count, equipment_age: h.equipment_age })),
    };
  }
}
