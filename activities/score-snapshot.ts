/**
 * Scoring a stored snapshot to a FacilityOutcome: the one path every score of a snapshot takes — an assessment
 * (scoreFacilitySnapshot), the reconstructed months of a first assessment, and a re-score of a trend point under
 * a new model version (history-activities.ts). Reads nothing but the chunks it is given, so the same snapshot and
 * instant always give the same outcome.
 */
import type { Equipment as CondoitEquipment } from '../condoit/schema.js';
import { assessEquipment, type EquipmentAssessment } from '../domain/equipment-assessment.js';
import { FacilityAccumulator, type FacilityOutcome } from '../domain/facility-assessment.js';
import type { Equipment, Facility } from '../domain/inputs.js';
import { equipmentAsOf } from '../domain/records-as-of.js';
import { modelEquipment } from '../store/model-inputs.js';

export interface ScoredEquipment {
  e: Equipment;
  a: EquipmentAssessment;
}

export interface ScoreSnapshotOptions {
  /** Score the records as they stood at `asOf` (a reconstructed month): later equipment and records are left out. */
  recordsAsOf?: boolean;
  /** Sees each chunk's assessed equipment once it is scored (the assessment writes them). */
  onChunk?: (scored: readonly ScoredEquipment[]) => Promise<void>;
}

export async function scoreSnapshot(
  facility: Facility,
  chunks: AsyncIterable<readonly CondoitEquipment[]>,
  asOf: number,
  o: ScoreSnapshotOptions = {},
): Promise<{ out: FacilityOutcome; equipmentCount: number }> {
  const acc = new FacilityAccumulator(facility, asOf, new Date(asOf).toISOString());
  for await (const chunk of chunks) {
    const scored: ScoredEquipment[] = [];
    for (const record of chunk) {
      const e = o.recordsAsOf ? equipmentAsOf(modelEquipment(record), asOf) : modelEquipment(record);
      if (!e) continue;
      const a = assessEquipment(e, facility, asOf);
      acc.add(a);
      scored.push({ e, a });
    }
    await o.onChunk?.(scored);
  }
  return { out: acc.finish(), equipmentCount: acc.equipmentCount };
}
