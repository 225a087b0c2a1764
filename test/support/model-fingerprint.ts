/**
 * The model's fingerprint: sha256 of the model table's JSON and of the golden outcome set — three frozen simulated
 * facilities (test/fixtures/model/golden-inputs.json) and hand-built items that exercise every rule the simulator
 * rarely reaches. What the model computes for them (scores, ratings, conditions, factors, actions, assumptions,
 * facility verdicts) is hashed with the table, so a changed rule changes the fingerprint as surely as a changed
 * number. `npx tsx test/tools/model-fingerprint.ts` prints it.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { Equipment, Facility } from '../../condoit/schema.js';
import { assessEquipment } from '../../domain/equipment-assessment.js';
import { FacilityAccumulator } from '../../domain/facility-assessment.js';
import { MODEL } from '../../domain/model-table.js';
import { ASOF, arcFlash, criticalSwitchgear, equipment, facility, ir, label, obs, rec } from './equipment-builders.js';

const golden = JSON.parse(readFileSync(new URL('../fixtures/model/golden-inputs.json', import.meta.url), 'utf8')) as {
  asOf: string;
  facilities: { facility: Facility; equipment: Equipment[] }[];
};
const handBuilt: Equipment[] = [
  equipment(),
  criticalSwitchgear(),
  equipment({ install_date: null, loading_percent: null, conductor_material: null, nominal_voltage_v: null, voltage: null }),
  equipment({ type: 'transformer', insulation: null, loading_percent: 110 }),
  equipment({ maintenance_records: [rec('electrical_testing', '2026-10-30', 'fail'), ir('2026-10-31')] }),
  equipment({
    maintenance_records: [ir('2026-03-01', 30, 'pass', 60), ir('2026-06-01', 0, 'pass', 5), rec('electrical_testing', '2026-05-01')],
  }),
  equipment({
    observations: [
      obs('moisture', 'severe'),
      obs('physical_damage', 'moderate'),
      obs('loose_parts', 'minimal'),
      obs('heat_discoloration', 'minimal'),
    ],
  }),
  equipment({
    observations: [obs('rust', 'severe', '2020-01-01')],
    maintenance_records: [ir('2026-05-01'), rec('repair', '2021-01-01'), rec('electrical_testing', '2026-05-01')],
  }),
  equipment({ arc_flash: arcFlash({ study_date: '2017-01-01', label_present: false, label: label({ incident_energy_cal_cm2: 60 }) }) }),
  equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: null, working_distance_in: null, ppe_category: 2 }) }) }),
  equipment({ arc_flash: null, criticality: 'life_safety', operating_environment: 'harsh' }),
  equipment({
    type: 'breaker',
    install_date: '1960-01-01',
    operating_environment: 'beyond_rating',
    al_cu_transitions: true,
    conductor_material: 'aluminum',
  }),
].map((e, i) => ({ ...e, id: `golden-${i + 1}` }));

/** The golden sets: three frozen simulated facilities, and the hand-built items for the rules the simulator rarely reaches. */
export function goldenSets(): { facility: Facility; equipment: Equipment[]; asOf: number }[] {
  const asOf = Date.parse(golden.asOf);
  return [...golden.facilities.map((f) => ({ ...f, asOf })), { facility, equipment: handBuilt, asOf: ASOF }];
}

export function outcomes(): unknown {
  return goldenSets().map((s) => {
    const acc = new FacilityAccumulator(s.facility, s.asOf, 'golden');
    const items = s.equipment.map((e) => {
      const a = assessEquipment(e, s.facility, s.asOf);
      acc.add(a);
      return [
        a.riskScore,
        a.riskRating,
        a.conditionWord,
        a.condition,
        a.tasks,
        a.nfpa70b.compliance_percentage,
        a.nfpa70e,
        a.detail,
        a.factors,
        a.actions,
        a.assumptions,
        a.forecast,
        a.scoresAhead,
      ];
    });
    const out = acc.finish();
    return { items, listItem: out.listItem, detail: out.detail, compliance: out.compliance, risks: out.risks };
  });
}

export const outcomeHash = (): string => createHash('sha256').update(JSON.stringify(outcomes())).digest('hex');
export const modelFingerprint = (): string => createHash('sha256').update(JSON.stringify(MODEL)).update(outcomeHash()).digest('hex');
