/**
 * What if: the facility re-scored with actions applied — each action making neutral the factors it fixes, exactly
 * as a priority action's risk reduction is computed — without writing anything. An action by id applies to every
 * equipment it applies to (the facility's priority actions); an action kind with equipment ids applies to those.
 * With no action the outcome is the assessment's own, bit for bit: the same model over the same snapshot and as-of.
 * Compliance is not re-derived: an action changes the risk the model scores, not the records it was given.
 */
import { actionMask, type ActionName } from './equipment-actions.js';
import { assessEquipment } from './equipment-assessment.js';
import { FacilityAccumulator, type FacilityOutcome } from './facility-assessment.js';
import type { Equipment, Facility } from './inputs.js';

export type WhatIfAction = { id: ActionName } | { kind: ActionName; equipment_ids: string[] };

export interface EquipmentChange {
  equipment_id: string;
  risk_score_before: number;
  risk_score_after: number;
}

export class WhatIfScorer {
  private readonly acc: FacilityAccumulator;
  private readonly everywhere: ActionName[] = [];
  private readonly chosen = new Map<string, number>();
  private readonly seen = new Set<string>();
  readonly changes: EquipmentChange[] = [];

  constructor(
    private readonly facility: Facility,
    private readonly asOf: number,
    lastUpdated: string,
    actions: readonly WhatIfAction[],
  ) {
    this.acc = new FacilityAccumulator(facility, asOf, lastUpdated);
    for (const a of actions) {
      if ('id' in a) this.everywhere.push(a.id);
      else for (const id of a.equipment_ids) this.chosen.set(id, (this.chosen.get(id) ?? 0) | actionMask[a.kind]);
    }
  }

  add(e: Equipment): void {
    this.seen.add(e.id);
    const now = assessEquipment(e, this.facility, this.asOf);
    let mask = this.chosen.get(e.id) ?? 0;
    for (const act of now.actions) if (this.everywhere.includes(act.action)) mask |= actionMask[act.action];
    const after = mask === 0 ? now : assessEquipment(e, this.facility, this.asOf, mask);
    if (after.riskScore !== now.riskScore)
      this.changes.push({ equipment_id: e.id, risk_score_before: now.riskScore, risk_score_after: after.riskScore });
    this.acc.add(after);
  }

  /** Equipment ids the actions name that the facility's snapshot does not have. */
  unknownEquipment(): string[] {
    return [...this.chosen.keys()].filter((id) => !this.seen.has(id));
  }

  finish(): FacilityOutcome {
    this.changes.sort(
      (a, b) =>
        b.risk_score_before - b.risk_score_after - (a.risk_score_before - a.risk_score_after) || (a.equipment_id < b.equipment_id ? -1 : 1),
    );
    return this.acc.finish();
  }
}
