/**
 * The risk model (2.x) in a risk manager's words: each `it` is a promise MasterBus makes about its verdicts, checked
 * through the domain on hand-built records (test/integration/risk-model-scenarios.test.ts checks the same
 * promises through the live API).
 */
import { describe, expect, it } from 'vitest';
import type { Equipment, Facility } from '../../condoit/schema.js';
import { assessEquipment } from '../../domain/equipment-assessment.js';
import { actionText, FacilityAccumulator } from '../../domain/facility-assessment.js';
import { likelihoodOf, probabilityOfFailure } from '../../domain/health-index.js';
import {
  ASOF,
  LAST_UPDATED,
  arcFlash,
  criticalSwitchgear,
  daysAgo,
  equipment,
  facility,
  ir,
  label,
  obs,
  rec,
} from '../support/equipment-builders.js';

const assess = (e: Equipment, f: Facility = facility) => assessEquipment(e, f, ASOF);
function facilityOf(items: Equipment[], f: Facility = facility) {
  const acc = new FacilityAccumulator(f, ASOF, LAST_UPDATED);
  for (const e of items) acc.add(assess(e, f));
  return acc.finish();
}
const clean = (n: number) => Array.from({ length: n }, () => equipment());
const levelRank = { Low: 0, Medium: 1, High: 2, Critical: 3 } as const;
const atLeast = (level: keyof typeof levelRank, floor: keyof typeof levelRank) => levelRank[level] >= levelRank[floor];

describe('one bad item is never averaged away', () => {
  it('a facility with one Critical switchgear among 19 clean panels is at least High and not Compliant', () => {
    const gear = assess(criticalSwitchgear());
    expect(gear.riskRating).toBe('Critical');
    const out = facilityOf([criticalSwitchgear(), ...clean(19)]);
    expect(atLeast(out.risks.risk_summary.risk_level, 'High')).toBe(true);
    expect(out.listItem.compliance_status).not.toBe('Compliant');
  });

  it('the same switchgear among 199 clean items, or 10 Critical items among 1,000, still make the facility at least High', () => {
    const big = facilityOf([criticalSwitchgear(), ...clean(199)]);
    expect(atLeast(big.risks.risk_summary.risk_level, 'High')).toBe(true);
    const thousand = facilityOf([...Array.from({ length: 10 }, () => criticalSwitchgear()), ...clean(990)]);
    expect(atLeast(thousand.risks.risk_summary.risk_level, 'High')).toBe(true);
    expect(thousand.listItem.compliance_status).not.toBe('Compliant');
  });

  it('a facility of clean panels is Low and Compliant, however many there are', () => {
    for (const n of [1, 20, 500]) {
      const out = facilityOf(clean(n));
      expect(out.risks.risk_summary.risk_level).toBe('Low');
      expect(out.listItem.compliance_status).toBe('Compliant');
    }
  });

  it('more bad items make a facility riskier than one', () => {
    const one = facilityOf([equipment({ observations: [obs('loose_parts', 'moderate')] }), ...clean(19)]);
    const five = facilityOf([
      ...Array.from({ length: 5 }, () => equipment({ observations: [obs('loose_parts', 'moderate')] })),
      ...clean(15),
    ]);
    expect(five.listItem.risk_score).toBeGreaterThan(one.listItem.risk_score);
  });
});

describe('evidence is read per task and over time', () => {
  it('a test that failed yesterday stands after an infrared scan passed today', () => {
    const a = assess(equipment({ maintenance_records: [rec('electrical_testing', daysAgo(1), 'fail'), ir(daysAgo(0))] }));
    expect(a.condition.physical).toBe(3);
    expect(a.condition.reasons.join(' ')).toMatch(/electrical testing failed/);
    expect(a.riskRating).not.toBe('Low');
    expect(a.conditionWord).not.toBe('Excellent');
  });

  it('a failed test is cleared by a later pass of the same task, or by a repair recorded after it', () => {
    const failed = [rec('electrical_testing', daysAgo(30), 'fail'), ir(daysAgo(20))];
    const open = assess(equipment({ maintenance_records: failed }));
    const retested = assess(equipment({ maintenance_records: [...failed, rec('electrical_testing', daysAgo(10))] }));
    const repaired = assess(equipment({ maintenance_records: [...failed, rec('repair', daysAgo(10))] }));
    for (const fixed of [retested, repaired]) {
      expect(fixed.condition.physical).toBeLessThan(3);
      expect(fixed.riskScore).toBeLessThan(open.riskScore);
    }
  });

  it('severe moisture, loose parts or physical damage raise the health score and the risk', () => {
    const base = assess(equipment());
    for (const kind of ['moisture', 'loose_parts', 'physical_damage'] as const) {
      const a = assess(equipment({ observations: [obs(kind, 'severe')] }));
      expect(a.detail.healthIndex, kind).toBeGreaterThan(base.detail.healthIndex);
      expect(a.riskScore, kind).toBeGreaterThan(base.riskScore);
      expect(a.condition.physical, kind).toBe(3);
    }
  });

  it('an observation is resolved by a repair or replacement after it, not by the passing of time', () => {
    const old = assess(equipment({ observations: [obs('corrosion', 'severe', daysAgo(3000))] }));
    expect(old.condition.physical).toBe(3);
    const repaired = assess(
      equipment({
        observations: [obs('corrosion', 'severe', daysAgo(300))],
        maintenance_records: [ir('2026-05-01'), rec('electrical_testing', '2026-05-01'), rec('repair', daysAgo(100))],
      }),
    );
    expect(repaired.condition.physical).toBe(1);
    expect(repaired.riskScore).toBeLessThan(old.riskScore);
  });

  it('an infrared scan below 40 % load clears no earlier hot spot and does not count as the scan done', () => {
    const hot = [ir('2026-03-01', 30, 'pass', 60), rec('electrical_testing', '2026-05-01')];
    const before = assess(equipment({ maintenance_records: hot }));
    const lowLoad = assess(equipment({ maintenance_records: [...hot, ir('2026-06-01', 0, 'pass', 5)] }));
    expect(lowLoad.riskScore).toBe(before.riskScore);
    expect(lowLoad.condition.physical).toBe(3);
    expect(lowLoad.tasks.find((t) => t.task === 'infrared_thermography')!.last_performed).toBe('2026-03-01');
    const proper = assess(equipment({ maintenance_records: [...hot, ir('2026-06-01', 0, 'pass', 60)] }));
    expect(proper.riskScore).toBeLessThan(before.riskScore);
  });

  it('the same hot spot found at a lower load is the worse finding (ΔT compared at a common load)', () => {
    const atHalfLoad = assess(
      equipment({ maintenance_records: [ir('2026-05-01', 8, 'pass', 50), rec('electrical_testing', '2026-05-01')] }),
    );
    const atFullLoad = assess(
      equipment({ maintenance_records: [ir('2026-05-01', 8, 'pass', 100), rec('electrical_testing', '2026-05-01')] }),
    );
    expect(atHalfLoad.riskScore).toBeGreaterThan(atFullLoad.riskScore);
    expect(atHalfLoad.condition.physical).toBe(3); // 8 °C at 50 % load is 32 °C at full load: major
  });
});

describe('unknown inputs are pessimistic within what is known, and said', () => {
  it('an unknown install date in a 1965 building counts as old as the building, no better than a known 60-year-old', () => {
    const f1965: Facility = { ...facility, building_year: 1965 };
    const unknown = assess(equipment({ install_date: null }), f1965);
    const known60 = assess(equipment({ install_date: '1966-11-01' }), f1965);
    expect(unknown.riskScore).toBeGreaterThanOrEqual(known60.riskScore);
    const a = unknown.assumptions.find((x) => x.input === 'install_date')!;
    expect(a.assumed).toBe('61.8 years old');
    expect(a.why).toMatch(/building \(built 1965\)/);
  });

  it('an unknown conductor is not assumed copper, and unknown loading is not assumed light', () => {
    const copper = assess(equipment());
    const unknown = assess(equipment({ conductor_material: null, loading_percent: null }));
    expect(unknown.riskScore).toBeGreaterThan(copper.riskScore);
    expect(unknown.assumptions.map((x) => x.input).sort()).toEqual(['conductor_material', 'loading_percent']);
  });

  it('a fully known item lists no assumptions', () => {
    expect(assess(equipment()).assumptions).toEqual([]);
  });
});

describe('the arc-flash hazard is a risk whatever the wear', () => {
  const newGear = (af: Equipment['arc_flash']) =>
    equipment({
      type: 'switchgear',
      install_date: '2026-08-01',
      voltage: '13.8kV',
      nominal_voltage_v: 13_800,
      criticality: 'life_safety',
      maintenance_records: [ir('2026-09-01'), rec('visual_inspection', '2026-09-01'), rec('insulation_testing', '2026-09-01')],
      arc_flash: af,
    });

  it('a brand-new, unlabeled 13.8 kV life-safety switchgear of 60 cal/cm² is High or Critical', () => {
    const studied = assess(
      newGear(
        arcFlash({
          study_date: '2026-07-01',
          label_present: false,
          label: label({ nominal_voltage: '13.8kV', incident_energy_cal_cm2: 60, working_distance_in: 36 }),
        }),
      ),
    );
    const unknown = assess(newGear(arcFlash({ study_date: '2026-07-01', label_present: false, label: null })));
    for (const a of [studied, unknown]) expect(atLeast(a.riskRating, 'High')).toBe(true);
    expect(studied.nfpa70e.de_energize_required).toBe(true);
  });

  it('arc-flash findings raise a new item exactly as much as an old one', () => {
    const finding = {
      arc_flash: arcFlash({ study_date: '2018-01-15', label_present: false, label: label({ incident_energy_cal_cm2: 30 }) }),
    };
    const newClean = assess(equipment());
    const newBad = assess(equipment(finding));
    const oldClean = assess(equipment({ install_date: '1990-01-01' }));
    const oldBad = assess(equipment({ install_date: '1990-01-01', ...finding }));
    expect(newBad.riskScore - newClean.riskScore).toBeCloseTo(oldBad.riskScore - oldClean.riskScore, 5);
    expect(newBad.riskScore - newClean.riskScore).toBeGreaterThan(20);
  });

  it('twenty items whose arc-flash study is 8.8 years old get one "update the arc-flash study" action covering them', () => {
    const items = Array.from({ length: 20 }, () => equipment({ arc_flash: arcFlash({ study_date: daysAgo(Math.round(8.8 * 365.25)) }) }));
    const out = facilityOf(items);
    expect(out.compliance.nfpa_70e.compliance_percentage).toBe(0);
    const action = out.risks.risk_recommendation.priority_actions.find((a) => a.action === actionText.update_arc_flash_study.action);
    expect(action).toBeDefined();
    expect(action!.affected_equipment).toHaveLength(20);
    expect(action!.risk_reduction).toBeGreaterThan(0);
  });

  it('above 40 cal/cm² "reduce incident energy" is proposed, with its risk reduction', () => {
    const out = facilityOf([equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: 48 }) }) }), ...clean(3)]);
    const action = out.risks.risk_recommendation.priority_actions.find((a) => a.action === actionText.reduce_incident_energy.action);
    expect(action?.risk_reduction).toBeGreaterThan(0);
  });

  it('a label showing both incident energy and a PPE category is not NFPA 70E compliant (130.5(H): one method)', () => {
    const a = assess(equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: 3, ppe_category: 1 }) }) }));
    expect(a.nfpa70e.compliant).toBe(false);
    expect(a.nfpa70e.findings.join(' ')).toMatch(/both/);
  });
});

describe('CNAIM where we claim CNAIM', () => {
  it('a transformer is more likely to fail than a breaker of the same health (the class PoF)', () => {
    for (const h of [0.5, 3, 5.5, 8, 10]) expect(likelihoodOf('transformer', h)).toBeGreaterThan(likelihoodOf('lv_circuit_breaker', h));
    // CNAIM K: 0.0078 % (HV transformer) against 0.0041 % (LV circuit breaker), the same C.
    for (const h of [0.5, 4, 9])
      expect(probabilityOfFailure('transformer', h) / probabilityOfFailure('lv_circuit_breaker', h)).toBeCloseTo(0.0078 / 0.0041, 10);
  });

  it('480 V switchgear takes the LV constants and 13.8 kV switchgear the HV ones', () => {
    const lv = assess(
      equipment({
        type: 'switchgear',
        install_date: '2000-01-01',
        maintenance_records: [ir('2026-09-01'), rec('visual_inspection', '2026-09-01'), rec('insulation_testing', '2026-09-01')],
      }),
    );
    const hv = assess(
      equipment({
        type: 'switchgear',
        install_date: '2000-01-01',
        voltage: '13.8kV',
        nominal_voltage_v: 13_800,
        maintenance_records: [ir('2026-09-01'), rec('visual_inspection', '2026-09-01'), rec('insulation_testing', '2026-09-01')],
      }),
    );
    // Expected life 60 y (LV) against 55 y (HV), each over the Default indoor location factor 0.925.
    expect(lv.detail.expectedLifeYears).toBe(64.9);
    expect(hv.detail.expectedLifeYears).toBe(59.5);
  });
});

describe('compliance', () => {
  it('a facility is never Compliant while an item is in physical condition 3, its study is expired, or it is unlabeled', () => {
    const blockers: Equipment[] = [
      equipment({ observations: [obs('corrosion', 'severe')] }),
      equipment({ arc_flash: arcFlash({ study_date: '2019-01-01' }) }),
      equipment({ arc_flash: arcFlash({ label_present: false, label: null }) }),
    ];
    for (const b of blockers) {
      const out = facilityOf([b, ...clean(99)]);
      expect(out.compliance.compliance_summary.overall_compliance).toBeGreaterThanOrEqual(90);
      expect(out.listItem.compliance_status).not.toBe('Compliant');
    }
  });
});
