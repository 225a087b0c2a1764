/**
 * POST …/what-if, the store side: the facility's current assessment re-scored with actions applied, from the
 * snapshot and as-of that produced it (domain/what-if.ts). Reads only; nothing is written.
 */
import type { FacilityRisks } from '../domain/read-models.js';
import { MODEL_VERSION } from '../domain/model-version.js';
import { WhatIf, type EquipmentChange, type WhatIfAction } from '../domain/what-if.js';
import type { Collections } from '../store/collections.js';
import { modelFacility } from '../store/model-inputs.js';
import { SnapshotRepository, snapshotIdOf } from '../store/snapshot-repository.js';
import { scoreSnapshot } from './score-snapshot.js';

const MAX_CHANGES = 100;

export interface WhatIfAnswer {
  facility_id: string;
  assessment_id: string;
  model_version: string;
  as_of: string;
  actions: WhatIfAction[];
  risk_score_before: number;
  risk_score_after: number;
  /** The facility's risks body as re-scored (without the trend, which is history). */
  risks: Omit<FacilityRisks, 'historical_trend'>;
  changed_equipment_count: number;
  /** The equipment whose score moved, largest reduction first (at most 100). */
  changed_equipment: EquipmentChange[];
}

export type WhatIfResult =
  { kind: 'answer'; answer: WhatIfAnswer } | { kind: 'not_assessed' } | { kind: 'unknown_equipment'; ids: string[] };

export async function whatIf(c: Collections, facilityId: string, actions: WhatIfAction[]): Promise<WhatIfResult> {
  const doc = await c.facilityResults.findOne({ _id: facilityId });
  if (!doc) return { kind: 'not_assessed' };
  const snapshots = new SnapshotRepository(c);
  const header = await snapshots.header(snapshotIdOf(facilityId, doc.snapshot_hash));
  if (!header) return { kind: 'not_assessed' };
  const asOf = doc.completed_at.getTime();
  const w = new WhatIf(actions);
  // The assessment's own path, each item assessed with the actions applied: no action gives the stored result.
  const { out } = await scoreSnapshot(modelFacility(header.facility), snapshots.equipmentChunks(header), asOf, { assess: w.assess });
  const unknown = w.unknownEquipment();
  if (unknown.length) return { kind: 'unknown_equipment', ids: unknown };
  const changes = w.changes();
  return {
    kind: 'answer',
    answer: {
      facility_id: facilityId,
      assessment_id: doc.assessment_id,
      model_version: MODEL_VERSION,
      as_of: new Date(asOf).toISOString(),
      actions,
      risk_score_before: doc.risk_score,
      risk_score_after: out.risks.risk_summary.risk_score,
      risks: out.risks,
      changed_equipment_count: changes.length,
      changed_equipment: changes.slice(0, MAX_CHANGES),
    },
  };
}
