/** What-if and the action plan, in a risk manager's words, over simulator facilities (domain only). */
import { describe, expect, it } from 'vitest';
import { defaultShape, equipmentCountOf, generateEquipment, generateFacility } from '../../condoit/simulator/generator.js';
import { assessEquipment } from '../../domain/equipment-assessment.js';
import { FacilityAccumulator } from '../../domain/facility-assessment.js';
import { WhatIf, type WhatIfAction } from '../../domain/what-if.js';

const shape = defaultShape;
const ASOF = Date.parse(`${shape.referenceDate}T00:00:00Z`);

/** The facility assessed with the actions applied, as results/what-if.ts does it (WhatIf.assess per item). */
function whatIf(facility: ReturnType<typeof generateFacility>, equipment: ReturnType<typeof generateEquipment>[], actions: WhatIfAction[]) {
  const w = new WhatIf(actions);
  const acc = new FacilityAccumulator(facility, ASOF, 'at');
  for (const e of equipment) acc.add(w.assess(e, facility, ASOF));
  return { out: acc.finish(), changes: w.changes() };
}

function scored(f: number, count = Infinity) {
  const facility = generateFacility(f, shape);
  const equipment = Array.from({ length: Math.min(count, equipmentCountOf(f, shape)) }, (_, j) => generateEquipment(f, j, shape));
  const acc = new FacilityAccumulator(facility, ASOF, 'at');
  for (const e of equipment) acc.add(assessEquipment(e, facility, ASOF));
  return { facility, equipment, out: acc.finish() };
}

describe('what-if', () => {
  it('should equal the assessment bit for bit when no action is applied', () => {
    for (const f of [0, 3, 7]) {
      const { facility, equipment, out } = scored(f);
      const w = whatIf(facility, equipment, []);
      expect(JSON.stringify(w.out)).toBe(JSON.stringify(out));
      expect(w.changes).toEqual([]);
    }
  });

  it("should lower the facility by exactly a priority action's risk reduction when that action is applied", () => {
    for (const f of [0, 1, 2, 5]) {
      const { facility, equipment, out } = scored(f, 12);
      for (const action of out.risks.risk_recommendation.priority_actions) {
        const after = whatIf(facility, equipment, [{ id: action.id as never }]).out.risks.risk_summary.risk_score;
        expect(after, action.id).toBe(Math.round((out.risks.risk_summary.risk_score - action.risk_reduction) * 10) / 10);
      }
    }
  });
});

describe('the plan', () => {
  it('should end below High — or say it cannot, and why — and its steps must reach the score they claim', () => {
    let reachable = 0;
    let unreachable = 0;
    for (let f = 0; f < shape.facilityCount; f++) {
      for (const count of [3, 8, Infinity]) {
        const { facility, equipment, out } = scored(f, count);
        const plan = out.risks.risk_recommendation.plan;
        const score = out.risks.risk_summary.risk_score;
        if (score < 50) {
          expect(plan.steps).toEqual([]);
          expect(plan.reachable).toBe(true);
          continue;
        }
        if (plan.reachable) {
          reachable += 1;
          expect(plan.steps.at(-1)!.risk_score_after).toBeLessThan(50);
          expect(plan.reason).toBeNull();
        } else {
          unreachable += 1;
          expect(plan.reason).toMatch(/Even with/);
          for (const s of plan.steps) expect(s.risk_score_after).toBeGreaterThanOrEqual(50);
        }
        // Each step's score never rises, and the last is what applying every step's action gives (what-if).
        for (let k = 1; k < plan.steps.length; k++)
          expect(plan.steps[k]!.risk_score_after).toBeLessThanOrEqual(plan.steps[k - 1]!.risk_score_after);
        if (plan.steps.length) {
          const w = whatIf(
            facility,
            equipment,
            plan.steps.map((s) => ({ id: s.action_id as never })),
          );
          expect(w.out.risks.risk_summary.risk_score).toBe(plan.risk_score_after);
        }
      }
    }
    expect(reachable + unreachable).toBeGreaterThan(0);
  });
});
