/**
 * What if: the facility re-scored with actions applied — each action making neutral the factors it fixes, exactly
 * as a priority action's risk reduction is computed — without writing anything. An action by id applies to every
 * equipment it applies to (the facility's priority actions); an action kind with equipment ids applies to those.
 * With no action the outcome is the assessment's own, bit for bit: the same model over the same snapshot and as-of.
 * Compliance is not re-derived: an action changes the risk the model scores, not the records it was given.
 */
import { actionMask, type ActionName } from './equipment-actions.js';
import { assessEquipment, type EquipmentAssessment } from './equipment-assessment.js';
import type { Equipment, Facility } from './inputs.js';

export type WhatIfAction = { id: ActionName } | { kind: ActionName; equipment_ids: string[] };

export interface EquipmentChange {
  equipment_id: string;
  risk_score_before: number;
  risk_score_after: number;
}

/** Assesses items with the actions applied (pass `assess` to the snapshot's scoring), noting every score it moves. */
export class WhatIf {
  private readonly everywhere: ActionName[] = [];
  private readonly chosen = new Map<string, number>();
  private readonly seen = new Set<string>();
  private readonly moved: EquipmentChange[] = [];

  constructor(actions: readonly WhatIfAction[]) {
    for (const a of actions) {
      if ('id' in a) this.everywhere.push(a.id);
      else for (const id of a.equipment_ids) this.chosen.set(id, (this.chosen.get(id) ?? 0) | actionMask[a.kind]);
    }
  }

  /** The item as assessed with the actions that apply to it (as it is when none does). */
  readonly assess = (e: Equipment, facility: Facility, asOf: number): EquipmentAssessment => {
    this.seen.add(e.id);
    const now = assessEquipment(e, facility, asOf);
    let mask = this.chosen.get(e.id) ?? 0;
    for (const act of now.actions) if (this.everywhere.includes(act.action)) mask |= actionMask[act.action];
    const after = mask === 0 ? now : assessEquipment(e, facility, asOf, mask);
    if (after.riskScore !== now.riskScore)
      this.moved.push({ equipment_id: e.id, risk_score_before: now.riskScore, risk_score_after: after.riskScore });
    return after;
  };

  /** Equipment ids the actions name that the assessed items did not include. */
  unknownEquipment(): string[] {
    return [...this.chosen.keys()].filter((id) => !this.seen.has(id));
  }

  /** The scores it moved, largest reduction first. */
  changes(): EquipmentChange[] {
    return [...this.moved].sort(
      (a, b) =>
        b.risk_score_before - b.risk_score_after - (a.risk_score_before - a.risk_score_after) || (a.equipment_id < b.equipment_id ? -1 : 1),
    );
  }
}
