/**
 * Scoring a stored snapshot to a FacilityOutcome: the one path every score of a snapshot takes — an assessment
 * (scoreFacilitySnapshot), the reconstructed months of a first assessment, a re-score of a trend point under a new
 * model version (history-activities.ts), and a what-if (results/what-if.ts, which assesses each item its way). Reads nothing but the chunks it is given, so the same snapshot and
 * instant always give the same outcome.
 */
import { assessEquipment, type EquipmentAssessment } from '../domain/equipment-assessment.js';
import { FacilityAccumulator, type FacilityOutcome } from '../domain/facility-assessment.js';
import type { Equipment, Facility } from '../domain/inputs.js';
import { equipmentAsOf } from '../domain/records-as-of.js';
import { modelEquipment, type StoredEquipment } from '../store/model-inputs.js';

export interface ScoredEquipment {
  e: Equipment;
  a: EquipmentAssessment;
}

export interface ScoreSnapshotOptions {
  /** Score the records as they stood at `asOf` (a reconstructed month): later equipment and records are left out. */
  recordsAsOf?: boolean;
  /** Sees each chunk's assessed equipment once it is scored (the assessment writes them). */
  onChunk?: (scored: readonly ScoredEquipment[]) => Promise<void>;
  /** How an item is assessed (default: as it is, `assessEquipment`; a what-if applies its actions). */
  assess?: (e: Equipment, facility: Facility, asOf: number) => EquipmentAssessment;
}

export async function scoreSnapshot(
  facility: Facility,
  chunks: AsyncIterable<readonly StoredEquipment[]>,
  asOf: number,
  o: ScoreSnapshotOptions = {},
): Promise<{ out: FacilityOutcome; equipmentCount: number }> {
  const acc = new FacilityAccumulator(facility, asOf, new Date(asOf).toISOString());
  const assess = o.assess ?? assessEquipment;
  for await (const chunk of chunks) {
    const scored: ScoredEquipment[] = [];
    for (const record of chunk) {
      const e = o.recordsAsOf ? equipmentAsOf(modelEquipment(record), asOf) : modelEquipment(record);
      if (!e) continue;
      const a = assess(e, facility, asOf);
      acc.add(a);
      scored.push({ e, a });
    }
    await o.onChunk?.(scored);
  }
  return { out: acc.finish(), equipmentCount: acc.equipmentCount };
}

/**
 * As scoreSnapshot with `recordsAsOf`, at several instants in one pass over the chunks (each chunk read and
 * mapped once, then scored at every instant): a first assessment's reconstructed months. Same outcome per
 * instant as scoring the snapshot once per instant.
 */
export async function scoreSnapshotAtEach(
  facility: Facility,
  chunks: AsyncIterable<readonly StoredEquipment[]>,
  instants: readonly number[],
): Promise<{ out: FacilityOutcome; equipmentCount: number }[]> {
  const accs = instants.map((t) => new FacilityAccumulator(facility, t, new Date(t).toISOString()));
  for await (const chunk of chunks) {
    for (const record of chunk) {
      const current = modelEquipment(record);
      for (let i = 0; i < instants.length; i++) {
        const e = equipmentAsOf(current, instants[i]!);
        if (e) accs[i]!.add(assessEquipment(e, facility, instants[i]!));
      }
    }
  }
  return accs.map((acc) => ({ out: acc.finish(), equipmentCount: acc.equipmentCount }));
}
