/**
 * Hand-computed golden cases for the risk model (2.x) (docs/risk-model.md, domain/model-table.ts): each `it` names
 * the rule it checks; expected numbers are computed here from the documented formulas, independently of the
 * model's code, and CNAIM's from the Utiligize/CNAIM R package's own tests. Pure functions only, no services.
 */
import { describe, expect, it } from 'vitest';
import type { Equipment, Facility, MaintenanceTask } from '../../condoit/schema.js';
import { complianceFor70B } from '../../domain/compliance-70b.js';
import { complianceFor70E, requiredPpeCategory } from '../../domain/compliance-70e.js';
import { assessCondition } from '../../domain/equipment-condition.js';
import { complianceActions } from '../../domain/equipment-actions.js';
import { assessEquipment, conditionForHealth, riskLevelFor, type EquipmentAssessment } from '../../domain/equipment-assessment.js';
import { actionText, FacilityAccumulator } from '../../domain/facility-assessment.js';
import { facilityScoreOf } from '../../domain/facility-score.js';
import {
  beta1,
  currentHealth,
  expectedLife,
  flooredProbabilityOfFailure,
  healthScoreFactor,
  initialHealth,
  locationFactor,
  mmi,
  probabilityOfFailure,
  transformerDutyFactor,
} from '../../domain/health-index.js';
import { describeTask, requiredTasks, taskStatus, taskStatuses } from '../../domain/maintenance-schedule.js';
import { MODEL } from '../../domain/model-table.js';
import { PortfolioAccumulator, type FacilityResultSummary } from '../../domain/portfolio-summary.js';
import { MODEL_VERSION } from '../../domain/model-version.js';
import {
  ASOF,
  LAST_UPDATED,
  arcFlash,
  equipment as baseEquipment,
  facility,
  humidFacility,
  ir,
  label,
  obs,
  rec,
} from '../support/equipment-builders.js';

const equipment = (overrides: Partial<Equipment> = {}): Equipment => baseEquipment({ id: 'eq-1', ...overrides });

/**
 * The "bad" panelboard: installed 1990-11-01 (36.0 years), 95 % loaded, aluminium with Al–Cu transitions, latest IR
 * scan ΔT 20 °C at full load (major: condition 3), high criticality (0.75). In the humid, coastal facility
 * (CNAIM location factor 1.025): EL = 60 / 1.025 = 58.54 y; H₀ = 0.5·11^(36/58.54) = 2.185; measured factor 1.4
 * (collar 5.5); reliability mmi(1.2 Al–Cu, 1.05 loading) = 1.2333; H = max(5.5, 2.185 × 1.4 × 1.2333) = 5.5.
 */
function badPanel(overrides: Partial<Equipment> = {}): Equipment {
  return equipment({
    id: 'eq-bad',
    install_date: '1990-11-01',
    loading_percent: 95,
    conductor_material: 'aluminum',
    al_cu_transitions: true,
    criticality: 'high',
    maintenance_records: [ir('2026-08-01', 20), rec('electrical_testing', '2026-05-01')],
    ...overrides,
  });
}

const taskReq = (e: Equipment, task: MaintenanceTask) => {
  const r = requiredTasks(e).find((x) => x.task === task);
  if (!r) throw new Error(`${task} is not required for ${e.type}`);
  return r;
};
const statusOf = (e: Equipment, task: MaintenanceTask, condition: 1 | 2 | 3 = 1) => taskStatus(e, taskReq(e, task), condition, ASOF);

/** CNAIM's PoF cubic written out independently of the model (docs/risk-model.md §5–6), K in %. */
const pof = (kPercent: number, h: number) => {
  const ch = 1.087 * h;
  return (kPercent / 100) * (1 + ch + ch ** 2 / 2 + ch ** 3 / 6);
};
/** Likelihood: log PoF between the lowest class PoF (LV breaker, H 0.5) and the highest (transformer, H 10). */
const likelihood = (kPercent: number, h: number) =>
  Math.log(pof(kPercent, h) / pof(0.0041, 0.5)) / Math.log(pof(0.0078, 10) / pof(0.0041, 0.5));
const round1 = (x: number) => Math.round(x * 10) / 10;

describe('NFPA 70B equipment condition', () => {
  it('should rate clean, new, maintained equipment condition 1 with no reasons', () => {
    const c = assessCondition(equipment(), ASOF);
    expect(c).toEqual({ level: 1, physical: 1, reasons: [] });
  });

  it('should rate ΔT 4–15 °C on the latest IR scan condition 2, and ΔT 3 °C condition 1', () => {
    expect(
      assessCondition(equipment({ maintenance_records: [ir('2026-05-01', 3), rec('electrical_testing', '2026-05-01')] }), ASOF).level,
    ).toBe(1);
    const c4 = assessCondition(equipment({ maintenance_records: [ir('2026-05-01', 4), rec('electrical_testing', '2026-05-01')] }), ASOF);
    expect(c4.level).toBe(2);
    expect(c4.reasons).toEqual(['infrared scan 2026-05-01 found ΔT 4 °C at 100 % load (4 °C at full load)']);
    expect(
      assessCondition(equipment({ maintenance_records: [ir('2026-05-01', 15), rec('electrical_testing', '2026-05-01')] }), ASOF).level,
    ).toBe(2);
  });

  it('should judge heat by the latest scan only, not by an older hot one', () => {
    const c = assessCondition(
      equipment({ maintenance_records: [ir('2025-05-01', 30), ir('2026-05-01', 0), rec('electrical_testing', '2026-05-01')] }),
      ASOF,
    );
    expect(c.level).toBe(1);
  });

  it('should rate a ΔT rise of 3 °C or more since the previous scan condition 2 (results differ from earlier ones)', () => {
    const c = assessCondition(
      equipment({ maintenance_records: [ir('2025-11-15', 0), ir('2026-05-01', 3), rec('electrical_testing', '2026-05-01')] }),
      ASOF,
    );
    expect(c.level).toBe(2);
    expect(c.reasons).toEqual(['load-corrected ΔT rose from 0 to 3 °C since the previous scan']);
  });

  it("should rate a task whose last result was 'repaired' condition 2, until that task passes again (another task's pass does not count)", () => {
    const repaired = assessCondition(
      equipment({ maintenance_records: [ir('2026-05-01'), rec('electrical_testing', '2026-06-01', 'repaired')] }),
      ASOF,
    );
    expect(repaired.level).toBe(2);
    expect(repaired.reasons).toEqual(['last electrical testing needed repair (2026-06-01)']);
    const otherTask = assessCondition(
      equipment({ maintenance_records: [ir('2026-06-01'), rec('electrical_testing', '2026-05-01', 'repaired')] }),
      ASOF,
    );
    expect(otherTask.level).toBe(2);
    const sameTask = assessCondition(
      equipment({
        maintenance_records: [
          ir('2026-06-01'),
          rec('electrical_testing', '2026-05-01', 'repaired'),
          rec('electrical_testing', '2026-06-01'),
        ],
      }),
      ASOF,
    );
    expect(sameTask.level).toBe(1);
  });

  it('should rate moderate corrosion condition 2 and minimal rust condition 1', () => {
    const c = assessCondition(equipment({ observations: [obs('corrosion', 'moderate')] }), ASOF);
    expect(c.level).toBe(2);
    expect(c.reasons).toEqual(['moderate corrosion observed 2026-09-01']);
    expect(assessCondition(equipment({ observations: [obs('rust', 'minimal')] }), ASOF).level).toBe(1);
  });

  it('should rate any heat discoloration condition 2', () => {
    expect(assessCondition(equipment({ observations: [obs('heat_discoloration', 'minimal')] }), ASOF).level).toBe(2);
  });

  it('should rate ΔT above 15 °C condition 3 (urgent)', () => {
    const c = assessCondition(equipment({ maintenance_records: [ir('2026-05-01', 16), rec('electrical_testing', '2026-05-01')] }), ASOF);
    expect(c.level).toBe(3);
    expect(c.reasons).toEqual(['infrared scan 2026-05-01 found ΔT 16 °C at 100 % load (16 °C at full load) (urgent)']);
  });

  it('should rate an open failed test condition 3, even after another task passed later', () => {
    const c = assessCondition(
      equipment({ maintenance_records: [rec('electrical_testing', '2026-06-01', 'fail'), ir('2026-07-01')] }),
      ASOF,
    );
    expect(c.level).toBe(3);
    expect(c.reasons).toEqual(['electrical testing failed on 2026-06-01 and has not passed since (no repair recorded)']);
    const replaced = assessCondition(
      equipment({
        maintenance_records: [rec('electrical_testing', '2026-06-01', 'fail'), ir('2026-07-01'), rec('replacement', '2026-06-15')],
      }),
      ASOF,
    );
    expect(replaced.level).toBe(1);
  });

  it('should ignore deferred work when finding the last maintenance result', () => {
    const c = assessCondition(
      equipment({
        maintenance_records: [
          ir('2026-05-01'),
          rec('electrical_testing', '2026-04-01'),
          rec('electrical_testing', '2026-06-01', 'deferred'),
        ],
      }),
      ASOF,
    );
    expect(c.level).toBe(1);
  });

  it('should rate a severe observation condition 3', () => {
    const c = assessCondition(equipment({ observations: [obs('loose_parts', 'severe')] }), ASOF);
    expect(c.level).toBe(3);
    expect(c.reasons).toEqual(['severe loose parts observed 2026-09-01, not repaired since']);
  });

  it('should rate life-safety criticality condition 3 whatever the physical state', () => {
    const c = assessCondition(equipment({ criticality: 'life_safety' }), ASOF);
    expect(c).toEqual({ level: 3, physical: 1, reasons: ['failure could endanger people (life-safety criticality)'] });
  });

  it('should rate a harsh environment or operation beyond ratings condition 3', () => {
    expect(assessCondition(equipment({ operating_environment: 'harsh' }), ASOF)).toEqual({
      level: 3,
      physical: 1,
      reasons: ['harsh operating environment'],
    });
    expect(assessCondition(equipment({ operating_environment: 'beyond_rating' }), ASOF)).toEqual({
      level: 3,
      physical: 1,
      reasons: ['operated beyond its ratings'],
    });
  });

  it('should rate two successive missed cycles condition 3 (IR last done 25 months ago, 12-month interval)', () => {
    const e = equipment({ maintenance_records: [ir('2024-10-01'), rec('electrical_testing', '2026-05-01')] });
    const c = assessCondition(e, ASOF);
    expect(c.level).toBe(3);
    expect(c.physical).toBe(3);
    expect(c.reasons).toEqual(['infrared scan missed 2 successive cycles']);
    expect(statusOf(e, 'infrared_thermography').missed_cycles).toBe(2);
  });

  it('should not move condition 1 to 2 for a single missed interval (IR last done 14 months ago)', () => {
    const e = equipment({ maintenance_records: [ir('2025-09-01'), rec('electrical_testing', '2026-05-01')] });
    expect(assessCondition(e, ASOF).level).toBe(1);
    const t = assessEquipment(e, facility, ASOF).tasks.find((x) => x.task === 'infrared_thermography');
    expect(t).toMatchObject({ status: 'overdue', days_overdue: 61, missed_cycles: 1, interval_months: 12 });
  });
});

describe('NFPA 70B maintenance schedule', () => {
  const intervals = (e: Equipment) => Object.fromEntries(assessEquipment(e, facility, ASOF).tasks.map((t) => [t.task, t.interval_months]));

  it('should set panelboard intervals by condition: IR 12/12/6 and electrical testing 60/36/12 months', () => {
    expect(intervals(equipment())).toEqual({ infrared_thermography: 12, electrical_testing: 60 });
    expect(intervals(equipment({ observations: [obs('corrosion', 'moderate')] }))).toEqual({
      infrared_thermography: 12,
      electrical_testing: 36,
    });
    expect(intervals(equipment({ criticality: 'life_safety' }))).toEqual({ infrared_thermography: 6, electrical_testing: 12 });
  });

  it('should require breaker visual inspection 12/12/6 and electrical testing 36/36/12 (Annex L)', () => {
    const b = equipment({ type: 'breaker' });
    expect(taskStatuses(b, 1, ASOF).map((t) => [t.task, t.interval_months])).toEqual([
      ['infrared_thermography', 12],
      ['visual_inspection', 12],
      ['electrical_testing', 36],
    ]);
    expect(taskStatuses(b, 3, ASOF).map((t) => t.interval_months)).toEqual([6, 6, 12]);
  });

  it('should put next due at last performed + interval in calendar months (month-end clamped)', () => {
    expect(statusOf(equipment({ maintenance_records: [ir('2026-01-31')] }), 'infrared_thermography').next_due).toBe('2027-01-31');
    expect(statusOf(equipment({ maintenance_records: [ir('2026-08-31')] }), 'infrared_thermography', 3).next_due).toBe('2027-02-28');
    expect(statusOf(equipment({ maintenance_records: [rec('electrical_testing', '2024-02-29')] }), 'electrical_testing').next_due).toBe(
      '2029-02-28',
    );
  });

  it('should use the latest performance and accept a full timestamp as a date', () => {
    const e = equipment({ maintenance_records: [ir('2025-03-01'), ir('2026-02-10T15:30:00Z'), ir('2025-12-01')] });
    expect(statusOf(e, 'infrared_thermography')).toMatchObject({ last_performed: '2026-02-10', next_due: '2027-02-10' });
  });

  it('should be up_to_date beyond 30 days, due_soon within 30 days (inclusive, and on the due day), overdue after', () => {
    const st = (date: string) => statusOf(equipment({ maintenance_records: [ir(date)] }), 'infrared_thermography');
    expect(st('2025-12-15')).toMatchObject({ status: 'up_to_date', days_overdue: 0 });
    expect(st('2025-12-02')).toMatchObject({ status: 'up_to_date', next_due: '2026-12-02' });
    expect(st('2025-12-01')).toMatchObject({ status: 'due_soon', next_due: '2026-12-01' });
    expect(st('2025-11-20')).toMatchObject({ status: 'due_soon', days_overdue: 0 });
    expect(st('2025-11-01')).toMatchObject({ status: 'due_soon', next_due: '2026-11-01', days_overdue: 0 });
    expect(st('2025-10-31')).toMatchObject({ status: 'overdue', days_overdue: 1 });
    expect(st('2025-09-01')).toMatchObject({ status: 'overdue', next_due: '2026-09-01', days_overdue: 61 });
  });

  it('should require fluid analysis for liquid-filled transformers, and for those of unknown insulation (assumed liquid)', () => {
    const tasks = (insulation: Equipment['insulation']) => requiredTasks(equipment({ type: 'transformer', insulation })).map((r) => r.task);
    expect(tasks('liquid')).toEqual(['infrared_thermography', 'electrical_testing', 'fluid_analysis']);
    expect(tasks('dry')).toEqual(['infrared_thermography', 'electrical_testing']);
    expect(tasks(null)).toEqual(['infrared_thermography', 'electrical_testing', 'fluid_analysis']);
    expect(requiredTasks(equipment({ type: 'panelboard', insulation: 'liquid' })).map((r) => r.task)).toEqual([
      'infrared_thermography',
      'electrical_testing',
    ]);
  });

  it('should make a never-performed task due one interval after the install date', () => {
    const e = equipment({ install_date: '2025-06-15', maintenance_records: [rec('electrical_testing', '2026-05-01')] });
    expect(statusOf(e, 'infrared_thermography')).toEqual({
      task: 'infrared_thermography',
      interval_months: 12,
      last_performed: null,
      next_due: '2026-06-15',
      status: 'overdue',
      days_overdue: 139,
      missed_cycles: 1,
    });
  });

  it('should make a task with no record and no install date overdue with next_due null (and two missed cycles)', () => {
    const e = equipment({ install_date: null, maintenance_records: [] });
    const a = assessEquipment(e, facility, ASOF);
    expect(a.tasks).toEqual([
      {
        task: 'infrared_thermography',
        interval_months: 6,
        last_performed: null,
        next_due: null,
        status: 'overdue',
        days_overdue: 0,
        missed_cycles: 2,
      },
      {
        task: 'electrical_testing',
        interval_months: 12,
        last_performed: null,
        next_due: null,
        status: 'overdue',
        days_overdue: 0,
        missed_cycles: 2,
      },
    ]);
    expect(a.condition.level).toBe(3);
    expect(a.nfpa70b).toMatchObject({
      compliant: false,
      compliance_percentage: 0,
      next_inspection_due: null,
      maintenance_status: 'overdue',
      last_inspection: null,
    });
  });

  it('should let cleaning satisfy a visual inspection and electrical testing satisfy insulation testing, and ignore deferred work', () => {
    const br = equipment({
      type: 'breaker',
      maintenance_records: [rec('cleaning', '2026-03-01'), rec('visual_inspection', '2026-07-01', 'deferred')],
    });
    expect(statusOf(br, 'visual_inspection').last_performed).toBe('2026-03-01');
    const sg = equipment({ type: 'switchgear', maintenance_records: [rec('electrical_testing', '2025-06-01')] });
    expect(statusOf(sg, 'insulation_testing')).toMatchObject({
      last_performed: '2025-06-01',
      next_due: '2027-06-01',
      status: 'up_to_date',
    });
    const deferredOnly = equipment({ maintenance_records: [ir('2025-09-01'), ir('2026-10-01', 0, 'deferred')] });
    expect(statusOf(deferredOnly, 'infrared_thermography')).toMatchObject({ last_performed: '2025-09-01', status: 'overdue' });
  });
});

describe('maintenance task description', () => {
  it('should read "Last infrared scan 19 months ago; interval for condition 2 is 12 months (NFPA 70B)"', () => {
    // Moderate corrosion forces condition 2; the IR scan of 2025-04-01 is 579 days (19.0 months) old: one missed cycle.
    const e = equipment({
      observations: [obs('corrosion', 'moderate')],
      maintenance_records: [ir('2025-04-01'), rec('electrical_testing', '2026-05-01')],
    });
    const a = assessEquipment(e, facility, ASOF);
    expect(a.condition.level).toBe(2);
    const irTask = a.tasks.find((t) => t.task === 'infrared_thermography')!;
    expect(describeTask(irTask, 2, ASOF)).toBe('Last infrared scan 19 months ago; interval for condition 2 is 12 months (NFPA 70B)');
    expect(a.factors.find((f) => f.factor === 'maintenance')?.description).toBe(
      'Last infrared scan 19 months ago; interval for condition 2 is 12 months (NFPA 70B)',
    );
  });

  it('should describe a never-performed task, worst overdue first, and count the other overdue tasks', () => {
    // ET never done since the 2019 install: due 2024-01-01 (1035 days overdue); IR 61 days overdue.
    const e = equipment({ install_date: '2019-01-01', maintenance_records: [ir('2025-09-01')] });
    const a = assessEquipment(e, facility, ASOF);
    expect(a.condition.level).toBe(1);
    expect(a.factors.find((f) => f.factor === 'maintenance')?.description).toBe(
      'No electrical testing on record; interval for condition 1 is 60 months (NFPA 70B) (+1 more overdue task)',
    );
  });
});

describe('NFPA 70B equipment compliance', () => {
  it('should be compliant with 100 % when no task is overdue, and report the earliest next due date', () => {
    const c = assessEquipment(equipment(), facility, ASOF).nfpa70b;
    expect(c).toMatchObject({
      compliant: true,
      compliance_percentage: 100,
      maintenance_status: 'up_to_date',
      next_inspection_due: '2027-05-01',
      last_inspection: '2026-05-01',
    });
  });

  it('should count a due-soon task as current', () => {
    const c = assessEquipment(
      equipment({ maintenance_records: [ir('2025-11-20'), rec('electrical_testing', '2026-05-01')] }),
      facility,
      ASOF,
    ).nfpa70b;
    expect(c).toMatchObject({
      compliant: true,
      compliance_percentage: 100,
      maintenance_status: 'due_soon',
      next_inspection_due: '2026-11-20',
    });
  });

  it('should be non-compliant when any task is overdue, with the percentage of tasks current', () => {
    const panel = assessEquipment(
      equipment({ maintenance_records: [ir('2025-09-01'), rec('electrical_testing', '2026-05-01')] }),
      facility,
      ASOF,
    ).nfpa70b;
    expect(panel).toMatchObject({ compliant: false, compliance_percentage: 50, maintenance_status: 'overdue' });
    const breaker = equipment({
      type: 'breaker',
      maintenance_records: [ir('2026-05-01'), rec('visual_inspection', '2025-09-01'), rec('electrical_testing', '2026-05-01')],
    });
    const a = assessEquipment(breaker, facility, ASOF);
    expect(a.nfpa70b).toMatchObject({ compliant: false, compliance_percentage: 66.7 });
    expect(complianceFor70B(breaker, a.tasks).compliance_percentage).toBe(66.7);
  });
});

describe('NFPA 70E arc-flash compliance', () => {
  it('should pass a current study with a complete, consistent label; next assessment = study + 5 years', () => {
    const c = complianceFor70E(equipment(), ASOF);
    expect(c).toEqual({
      compliant: true,
      compliance_percentage: 100,
      arc_flash_label_present: true,
      ppe_requirements: 'Category 1',
      incident_energy: 3,
      last_assessment: '2025-01-01',
      next_assessment_due: '2030-01-01',
      de_energize_required: false,
      findings: [],
      study: 'current',
      label: 'complete',
      ppeUnderstated: false,
      labelPpeCategory: null,
    });
    expect(complianceFor70E(equipment({ arc_flash: arcFlash({ study_date: '2024-02-29' }) }), ASOF).next_assessment_due).toBe('2029-02-28');
  });

  it('should fail a study more than 5 years old, and accept one exactly 5 years old', () => {
    const old = complianceFor70E(equipment({ arc_flash: arcFlash({ study_date: '2021-10-31' }) }), ASOF);
    expect(old.compliant).toBe(false);
    expect(old.compliance_percentage).toBe(83.3);
    expect(old.findings).toEqual(['Arc-flash study of 2021-10-31 is older than 5 years (NFPA 70E 130.5(G))']);
    expect(old.next_assessment_due).toBe('2026-10-31');
    expect(complianceFor70E(equipment({ arc_flash: arcFlash({ study_date: '2021-11-01' }) }), ASOF).compliant).toBe(true);
  });

  it('should fail a study that predates a recorded modification, and make the next assessment due now (null)', () => {
    const c = complianceFor70E(equipment({ arc_flash: arcFlash({ last_modification_date: '2025-06-01' }) }), ASOF);
    expect(c.compliant).toBe(false);
    expect(c.findings).toEqual(['Equipment modified on 2025-06-01, after its arc-flash study of 2025-01-01']);
    expect(c.next_assessment_due).toBeNull();
    expect(complianceFor70E(equipment({ arc_flash: arcFlash({ last_modification_date: '2025-01-01' }) }), ASOF).compliant).toBe(true);
  });

  it('should fail a missing label (label_present false, or a label flag without label data)', () => {
    // Six checks always count: with no label, presence, completeness and PPE consistency all fail (3 of 6).
    const c = complianceFor70E(equipment({ arc_flash: arcFlash({ label_present: false, label: null }) }), ASOF);
    expect(c).toMatchObject({
      compliant: false,
      compliance_percentage: 50,
      arc_flash_label_present: false,
      ppe_requirements: null,
      incident_energy: null,
    });
    expect(c.findings).toEqual(['No arc-flash label (NFPA 70E 130.5(H))']);
    expect(complianceFor70E(equipment({ arc_flash: arcFlash({ label_present: true, label: null }) }), ASOF).arc_flash_label_present).toBe(
      false,
    );
    expect(complianceFor70E(equipment({ arc_flash: arcFlash({ label_present: false }) }), ASOF).arc_flash_label_present).toBe(false);
  });

  it('should read the incident energy of a study whose label was never posted (label data, label_present false)', () => {
    const c = complianceFor70E(
      equipment({ arc_flash: arcFlash({ label_present: false, label: label({ incident_energy_cal_cm2: 60 }) }) }),
      ASOF,
    );
    expect(c).toMatchObject({
      compliant: false,
      compliance_percentage: 50,
      arc_flash_label_present: false,
      label: 'missing',
      incident_energy: 60,
      de_energize_required: true,
      ppe_requirements: 'No PPE category — de-energize',
    });
  });

  it('should fail a label showing both incident energy and a PPE category (NFPA 70E 130.5(H): one method, not both)', () => {
    const c = complianceFor70E(equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: 3, ppe_category: 1 }) }) }), ASOF);
    expect(c).toMatchObject({ compliant: false, compliance_percentage: 83.3, label: 'incomplete' });
    expect(c.findings).toEqual(['Arc-flash label shows both incident energy and a PPE category (NFPA 70E 130.5(H): one method, not both)']);
  });

  it('should fail with no arc-flash data at all: no study and no label (0 %)', () => {
    const c = complianceFor70E(equipment({ arc_flash: null }), ASOF);
    expect(c).toMatchObject({ compliant: false, compliance_percentage: 0, last_assessment: null, next_assessment_due: null });
    expect(c.findings).toEqual(['No arc-flash risk assessment on record', 'No arc-flash label (NFPA 70E 130.5(H))']);
  });

  it('should fail a label that lacks nominal voltage', () => {
    const c = complianceFor70E(equipment({ arc_flash: arcFlash({ label: label({ nominal_voltage: null }) }) }), ASOF);
    expect(c.compliant).toBe(false);
    expect(c.findings).toEqual(['Arc-flash label lacks nominal voltage']);
  });

  it('should fail a label that lacks the arc-flash boundary', () => {
    const c = complianceFor70E(equipment({ arc_flash: arcFlash({ label: label({ arc_flash_boundary_in: null }) }) }), ASOF);
    expect(c.findings).toEqual(['Arc-flash label lacks arc-flash boundary']);
  });

  it('should fail a label with neither incident energy + working distance nor a PPE category', () => {
    const noDistance = complianceFor70E(
      equipment({ arc_flash: arcFlash({ label: label({ working_distance_in: null, ppe_category: null }) }) }),
      ASOF,
    );
    expect(noDistance.compliant).toBe(false);
    expect(noDistance.findings).toEqual(['Arc-flash label lacks incident energy with working distance, or PPE category']);
    const nothing = complianceFor70E(
      equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: null, ppe_category: null }) }) }),
      ASOF,
    );
    expect(nothing.compliant).toBe(false);
  });

  it('should accept either incident energy with working distance, or a PPE category alone', () => {
    const energyOnly = complianceFor70E(equipment({ arc_flash: arcFlash({ label: label({ ppe_category: null }) }) }), ASOF);
    expect(energyOnly).toMatchObject({ compliant: true, ppe_requirements: 'Category 1' });
    const ppeOnly = complianceFor70E(
      equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: null, working_distance_in: null, ppe_category: 2 }) }) }),
      ASOF,
    );
    expect(ppeOnly).toMatchObject({ compliant: true, ppe_requirements: 'Category 2', incident_energy: null });
  });

  it('should, on a label showing both, also fail a PPE category below the one the incident energy requires', () => {
    const at = (ppe: number) =>
      complianceFor70E(equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: 10, ppe_category: ppe }) }) }), ASOF);
    expect(at(2)).toMatchObject({ compliant: false, compliance_percentage: 66.7, ppeUnderstated: true, ppe_requirements: 'Category 3' });
    expect(at(2).findings).toContain('Label PPE category 2 is below category 3 required for 10 cal/cm²');
    expect(at(3)).toMatchObject({ compliance_percentage: 83.3, ppeUnderstated: false, ppe_requirements: 'Category 3' });
    expect(at(4)).toMatchObject({ compliance_percentage: 83.3, ppeUnderstated: false, ppe_requirements: 'Category 4' });
  });

  it('should map incident energy to PPE categories at the 4 / 8 / 25 / 40 cal/cm² boundaries', () => {
    expect(requiredPpeCategory(0)).toBe(1);
    expect(requiredPpeCategory(4)).toBe(1);
    expect(requiredPpeCategory(4.01)).toBe(2);
    expect(requiredPpeCategory(8)).toBe(2);
    expect(requiredPpeCategory(8.01)).toBe(3);
    expect(requiredPpeCategory(25)).toBe(3);
    expect(requiredPpeCategory(25.01)).toBe(4);
    expect(requiredPpeCategory(40)).toBe(4);
    expect(requiredPpeCategory(40.1)).toBeNull();
  });

  it("should flag incident energy above 40 cal/cm² as 'No PPE category — de-energize'", () => {
    const c = complianceFor70E(
      equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: 45, ppe_category: null }) }) }),
      ASOF,
    );
    expect(c).toMatchObject({
      compliant: true,
      de_energize_required: true,
      ppe_requirements: 'No PPE category — de-energize',
      incident_energy: 45,
    });
    expect(c.findings).toEqual(['Incident energy 45 cal/cm² exceeds 40 cal/cm²: no PPE category — de-energize']);
    const claimed = complianceFor70E(
      equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: 45, ppe_category: 4 }) }) }),
      ASOF,
    );
    expect(claimed.compliant).toBe(false);
    expect(claimed.de_energize_required).toBe(true);
    expect(claimed.findings).toContain('Label shows PPE category 4 for 45 cal/cm², where no category applies');
    expect(
      complianceFor70E(equipment({ arc_flash: arcFlash({ label: label({ incident_energy_cal_cm2: 40, ppe_category: 4 }) }) }), ASOF)
        .de_energize_required,
    ).toBe(false);
  });
});

/**
 * CNAIM, checked against the Utiligize/CNAIM R package's own tests (tests/testthat, package 2.1.4) where a test
 * exists, and against the formula written out here otherwise.
 */
describe('CNAIM health index and probability of failure', () => {
  it("should combine factors as the package's mmi does (test-mmi.R)", () => {
    expect(mmi([1, 1.5], 1, 1.5, 1.5)).toBe(1.5);
    expect(mmi([1, 1], 0, 0, 1)).toBe(1);
    expect(mmi([0.75, 0.5], 0, 0, 2)).toBe(0.375);
    expect(mmi([1, 2, 3, 4, 5, 6], 4, 2, 0)).toBe(10.5);
    expect(mmi([1, 1, 1, 1, 5, 6], 4, 2, 0)).toBe(8);
    expect(mmi([9, 8, 7, 6, 5, 4], 20, 5, 0)).toBe(14);
    expect(mmi([9, 8, 7, 6, 5, 4], 1, 5, 0)).toBe(9);
  });

  it('should return a single factor ≤ 1 as it is (a deliberate difference: the package adds (0 − 1)/1.5 for the missing second factor)', () => {
    expect(mmi([0.9], 3)).toBe(0.9);
    expect(mmi([], 3)).toBe(1);
  });

  it('should combine observed and measured factors into the health score factor (test-health_score_excl_ehv_132kv_tf.R)', () => {
    const cases: [number, number, number][] = [
      [5, 4, 7],
      [4, 5, 7],
      [5, 1, 5],
      [1, 5, 5],
      [5, 0.1, 5],
      [0.1, 5, 5],
      [1, 1, 1],
      [1, 0.5, 0.5],
      [0.5, 1, 0.5],
    ];
    for (const [o, m, expected] of cases) expect(healthScoreFactor(o, m)).toBeCloseTo(expected, 12);
  });

  it('should compute β₁, initial and current health as the package (test-beta_1.R, test-initial_health.R, test-current_health.R)', () => {
    expect(beta1(10)).toBeCloseTo(0.239789527, 9);
    expect(beta1(5)).toBeCloseTo(0.479579055, 9);
    // initial_health(b1 = 1, age = 2) = 0.5·e² = 3.694528; capped at 5.5.
    expect(initialHealth(2, Math.log(11))).toBeCloseTo(3.694528, 6);
    expect(initialHealth(200, Math.log(11) / 100)).toBe(5.5);
    expect(currentHealth(2, 3, 0)).toBe(6);
    expect(currentHealth(2, 3, 0, 20)).toBe(10);
    expect(currentHealth(200, 300, 0)).toBe(10);
    expect(currentHealth(1, 1.4, 5.5)).toBe(5.5);
    expect(currentHealth(0.4, 1, 0)).toBe(0.5);
  });

  it('should take the transformer duty factor from CNAIM Table 33 (test-duty_factor_transformer_11_20kv.R)', () => {
    expect([45, 50, 65, 70, 75, 100, 1000].map(transformerDutyFactor)).toEqual([0.9, 0.9, 0.95, 0.95, 1, 1, 1.4]);
  });

  it('should compute the indoor location factor 0.925 for Default site factors (test-location_factor.R), with the increment per further factor', () => {
    expect(locationFactor([1, 1, 1])).toBeCloseTo(0.925, 12);
    expect(locationFactor([1, 1, 1], false)).toBe(1);
    // Outdoor (1.1, 1.1, 1.0) → 1.1 + 0.05 = 1.15; indoor 0.9 + 0.25 × 0.25 = 0.9625 (the package's algorithm).
    expect(locationFactor([1.1, 1.1, 1], false)).toBeCloseTo(1.15, 12);
    expect(locationFactor([1.1, 1.1, 1])).toBeCloseTo(0.9625, 12);
  });

  it('should reproduce the HV switchgear (distribution) golden at age 10: health 0.74836, PoF 0.00015 (test-pof_hv_switchgear_distribution.R)', () => {
    // Expected life 55 / (1 × 0.925) = 59.459; H = H₀ with every condition input Default.
    const el = expectedLife('hv_switchgear', 1, locationFactor([1, 1, 1]));
    expect(el).toBeCloseTo(59.459459, 5);
    const h = initialHealth(10, el);
    expect(Math.round(h * 1e5) / 1e5).toBe(0.74836);
    expect(Math.round(probabilityOfFailure('hv_switchgear', h) * 1e5) / 1e5).toBe(0.00015);
    // The same through the whole equipment assessment: a clean, 10-year-old 13.8 kV switchgear in a Default site.
    const a = assessEquipment(
      equipment({
        type: 'switchgear',
        install_date: '2016-11-01',
        voltage: '13.8kV',
        nominal_voltage_v: 13_800,
        maintenance_records: [ir('2026-09-01'), rec('visual_inspection', '2026-09-01'), rec('insulation_testing', '2026-09-01')],
      }),
      facility,
      ASOF,
    );
    expect(a.detail.healthIndex).toBe(0.75);
    expect(Math.round(a.detail.probabilityOfFailure * 1e5) / 1e5).toBe(0.00015);
  });

  it("should reproduce the package's PoF at the health-score collar and floor: LV breaker 0.00007 at H 0.5, transformer 0.002223 at H 4", () => {
    // test-pof_lv_switchgear_and_other.R "Circuit breaker" (age 10) ends at the 0.5 collar: PoF 7.04361e-05.
    expect(Math.round(probabilityOfFailure('lv_circuit_breaker', 0.5) * 1e5) / 1e5).toBe(0.00007);
    expect(probabilityOfFailure('lv_circuit_breaker', 0.5)).toBeCloseTo(7.04361e-5, 9);
    // test-pof_future_transformer_11_20kv.R year 0 (H floored at 4): 0.002223035154.
    expect(flooredProbabilityOfFailure('transformer', 0.5)).toBeCloseTo(0.002223035154, 12);
    expect(flooredProbabilityOfFailure('lv_board', 2)).toBeCloseTo(0.001966531098, 12);
  });

  it('should follow the class PoF: K 0.0041 % (LV breaker), 0.0069 % (LV board), 0.0067 % (HV switchgear), 0.0078 % (transformer), C 1.087', () => {
    for (const [c, k] of [
      ['lv_circuit_breaker', 0.0041],
      ['lv_board', 0.0069],
      ['hv_switchgear', 0.0067],
      ['transformer', 0.0078],
    ] as const) {
      for (const h of [0.5, 4, 9]) expect(probabilityOfFailure(c, h)).toBeCloseTo(pof(k, h), 15);
    }
  });
});

describe('risk and condition bands', () => {
  it('should rate scores Low < 25 ≤ Medium < 50 ≤ High < 75 ≤ Critical', () => {
    expect([0, 24.9, 25, 49.9, 50, 74.9, 75, 100].map(riskLevelFor)).toEqual([
      'Low',
      'Low',
      'Medium',
      'Medium',
      'High',
      'High',
      'Critical',
      'Critical',
    ]);
  });

  it('should word health ≤ 3 Excellent, ≤ 5.5 Good, ≤ 6.5 Fair, ≤ 8 Poor, else Critical', () => {
    expect([0.5, 3, 3.01, 5.5, 5.51, 6.5, 6.51, 8, 8.01, 10].map(conditionForHealth)).toEqual([
      'Excellent',
      'Excellent',
      'Good',
      'Good',
      'Fair',
      'Fair',
      'Poor',
      'Poor',
      'Critical',
      'Critical',
    ]);
  });
});

describe('equipment risk score (golden)', () => {
  it('should score a clean two-year-old panelboard from the documented formula (Low, Excellent)', () => {
    const a = assessEquipment(equipment(), facility, ASOF);
    // age 730/365.25 = 2.0 y (to 0.1); EL = 60 / 0.925 = 64.865 y; H = H₀ = 0.5·11^(2/64.865) = 0.53836.
    const h = 0.5 * 11 ** (2 / (60 / 0.925));
    expect(a.detail.healthIndex).toBe(0.54);
    expect(a.detail.conditionFactor).toBe(1);
    expect(a.detail.reliabilityFactor).toBe(1);
    expect(a.detail.consequence).toBe(0.5);
    expect(a.detail.probabilityOfFailure).toBeCloseTo(pof(0.0069, h), 9);
    // failure risk = 100 × L × (0.5 + 0.5 × 0.5); arc flash: 3 cal/cm² (category 1) adds 3 points.
    expect(a.detail.failureRisk).toBe(round1(100 * likelihood(0.0069, h) * 0.75));
    expect(a.detail.arcFlashPoints).toBe(3);
    expect(a.riskScore).toBe(round1(100 * likelihood(0.0069, h) * 0.75 + 3));
    expect(a.riskRating).toBe('Low');
    expect(a.conditionWord).toBe('Excellent');
    expect(a.ageYears).toBe(2);
    expect(a.assumptions).toEqual([]);
    expect(a.actions).toEqual([]);
  });

  it('should score the old, hot, aluminium, heavily loaded panelboard at the heat collar (High, Good)', () => {
    const a = assessEquipment(badPanel(), humidFacility, ASOF);
    expect(a.detail.expectedLifeYears).toBe(58.5);
    expect(a.detail.initialHealth).toBe(Math.round(0.5 * 11 ** (36 / (60 / 1.025)) * 100) / 100);
    expect(a.detail.conditionFactor).toBe(1.4);
    expect(a.detail.reliabilityFactor).toBe(1.233);
    expect(a.detail.healthIndex).toBe(5.5);
    expect(a.detail.consequence).toBe(0.75);
    expect(a.riskScore).toBe(round1(100 * likelihood(0.0069, 5.5) * 0.875 + 3));
    expect(a.riskRating).toBe('High');
    expect(a.conditionWord).toBe('Good');
    expect(a.condition.level).toBe(3);
  });

  it('should explain the score exactly: the asset class baseline and the factor contributions (Owen values) add up to it', () => {
    const a = assessEquipment(badPanel(), humidFacility, ASOF);
    const contribution = Object.fromEntries(a.factors.map((f) => [f.factor, f.contribution]));
    // Model 2.0.0 explained this panel's 64.3 with contributions summing to 42.6; now they add up to the tenth.
    expect(round1(a.factors.reduce((s, f) => s + f.contribution, 0))).toBe(a.riskScore);
    // The baseline: an LV board new, clean, of low criticality and without hazard (consequence 0.5 + 0.5 × 0.3).
    expect(Math.abs(contribution.asset_class! - 100 * likelihood(0.0069, 0.5) * 0.65)).toBeLessThanOrEqual(0.1);
    // The arc-flash hazard adds to the failure risk: its 3 points are its contribution, whatever the wear.
    expect(Math.abs(contribution.arc_flash! - 3)).toBeLessThanOrEqual(0.1);
    // Aluminium adds nothing once the heat's collar holds the health at 5.5, but without the heat it would: a share.
    expect(contribution.aluminum_conductors).toBeGreaterThan(0);
    expect(contribution.heat).toBeGreaterThan(contribution.aluminum_conductors!);
    expect(contribution.humidity).toBeGreaterThan(0);
    expect(a.primaryRiskFactor).toBe('heat');
    const heat = a.factors.find((f) => f.factor === 'heat')!;
    expect(heat.score).toBe(95);
    expect(heat.rule).toBe('health.temperature');
    expect(heat.citation).toBe(MODEL.health.temperature.source);
    expect(heat.inputs).toMatchObject({
      scan_date: '2026-08-01',
      measured_delta_t_c: 20,
      load_percent: 100,
      full_load_delta_t_c: 20,
      band: 'major',
    });
    expect(heat.description).toBe(
      'Infrared scan 2026-08-01 found ΔT 20 °C at 100% load = 20 °C at full load (major deficiency, NETA ΔT bands)',
    );
    const score = (h: number, consequence = 0.875) => 100 * likelihood(0.0069, h) * consequence + 3;
    const h0 = 0.5 * 11 ** (36 / (60 / 1.025));
    expect(a.actions.find((x) => x.action === 'repair_thermal_anomalies')?.scoreAfter).toBe(round1(score(h0 * (1.2 + 0.05 / 1.5))));
    // Age severity 36 / 58.5 = 62 < 75: no replacement.
    expect(a.factors.find((f) => f.factor === 'age')?.score).toBe(62);
    expect(a.actions.map((x) => x.action)).toEqual([
      'repair_thermal_anomalies',
      'retrofit_aluminum_terminations',
      'relieve_loading',
      'control_humidity',
    ]);
  });

  it('should split an additive hazard exactly: a missing label and a 20 cal/cm² energy contribute their points', () => {
    const a = assessEquipment(
      equipment({
        install_date: '2026-01-01',
        arc_flash: arcFlash({ label_present: false, label: label({ incident_energy_cal_cm2: 20 }) }),
      }),
      facility,
      ASOF,
    );
    const contribution = Object.fromEntries(a.factors.map((f) => [f.factor, f.contribution]));
    expect(contribution.arc_flash).toBe(12);
    expect(contribution.arc_flash_label).toBe(15);
    expect(round1(a.factors.reduce((s, f) => s + f.contribution, 0))).toBe(a.riskScore);
  });

  it('should add arc-flash points independent of wear: energy band, label, study', () => {
    const base = assessEquipment(equipment(), facility, ASOF).detail.failureRisk;
    const points = (af: Equipment['arc_flash']) => assessEquipment(equipment({ arc_flash: af }), facility, ASOF).detail.arcFlashPoints;
    expect(points(arcFlash({ label: label({ incident_energy_cal_cm2: 1 }) }))).toBe(0);
    expect(points(arcFlash({ label: label({ incident_energy_cal_cm2: 8 }) }))).toBe(6);
    expect(points(arcFlash({ label: label({ incident_energy_cal_cm2: 20 }) }))).toBe(12);
    expect(points(arcFlash({ label: label({ incident_energy_cal_cm2: 40 }) }))).toBe(20);
    expect(points(arcFlash({ label: label({ incident_energy_cal_cm2: 41 }) }))).toBe(35);
    // A PPE-category label bounds the energy by its category (2: ≤ 8 cal/cm²).
    expect(points(arcFlash({ label: label({ incident_energy_cal_cm2: null, working_distance_in: null, ppe_category: 2 }) }))).toBe(6);
    // Unknown energy is the worst band (35); no label +15; no study +5.
    expect(points(arcFlash({ label_present: false, label: null }))).toBe(50);
    expect(points(null)).toBe(55);
    expect(points(arcFlash({ study_date: '2019-01-01' }))).toBe(3 + 8);
    expect(points(arcFlash({ study_date: '2019-01-01', label_present: false, label: label({ incident_energy_cal_cm2: 60 }) }))).toBe(
      35 + 15 + 8,
    );
    expect(assessEquipment(equipment({ arc_flash: null }), facility, ASOF).detail.failureRisk).toBe(base);
  });
});

function rollUp(list: Equipment[], fac: Facility = facility) {
  const acc = new FacilityAccumulator(fac, ASOF, LAST_UPDATED);
  const assessed: EquipmentAssessment[] = [];
  for (const e of list) {
    const a = assessEquipment(e, fac, ASOF);
    assessed.push(a);
    acc.add(a);
  }
  return { out: acc.finish(), assessed };
}

/** 1 − (1 − r_worst) · Π(1 − 0.1 · rᵢ) over the other items scoring ≥ 25, at least the worst, rounded to 0.1. */
function facilityScore(scores: number[]): number {
  const sorted = [...scores].sort((x, y) => y - x);
  const [worst, ...rest] = sorted;
  const product = rest.filter((s) => s >= 25).reduce((p, s) => p * (1 - 0.1 * (s / 100)), 1);
  return Math.round(Math.max(worst!, 100 * (1 - (1 - worst! / 100) * product)) * 10) / 10;
}

describe('facility roll-up', () => {
  // A clean, B the bad panel (70B/70E compliant), C IR 61 days overdue and unlabelled (unknown incident energy: High), D electrical test 366 days overdue.
  const four = () =>
    rollUp(
      [
        equipment({ id: 'eq-a', name: 'A' }),
        badPanel({ id: 'eq-b', name: 'B' }),
        equipment({
          id: 'eq-c',
          name: 'C',
          maintenance_records: [ir('2025-09-01'), rec('electrical_testing', '2026-05-01')],
          arc_flash: arcFlash({ label_present: false, label: null }),
        }),
        equipment({ id: 'eq-d', name: 'D', maintenance_records: [ir('2026-05-01'), rec('electrical_testing', '2020-10-31')] }),
      ],
      humidFacility,
    );

  it('should count equipment per risk level summing to the total', () => {
    const { out, assessed } = four();
    expect(assessed.map((a) => a.riskRating)).toEqual(['Low', 'High', 'High', 'Low']);
    expect(out.listItem.risk_distribution).toEqual({ low: 2, medium: 0, high: 2, critical: 0 });
    expect(out.listItem.equipment_count).toBe(4);
    expect(out.listItem.high_risk_equipment_count).toBe(2);
    expect(out.risks.risk_summary).toMatchObject({
      low_risk_equipment_count: 2,
      medium_risk_equipment_count: 0,
      high_risk_equipment_count: 2,
      critical_risk_equipment_count: 0,
    });
  });

  it('should score the facility as its worst item raised by every other significant one', () => {
    const { out, assessed } = four();
    const scores = assessed.map((a) => a.riskScore);
    expect(out.listItem.risk_score).toBe(facilityScore(scores));
    expect(out.listItem.risk_score).toBeGreaterThanOrEqual(Math.max(...scores));
    expect(out.risks.risk_summary.risk_level).toBe(riskLevelFor(out.listItem.risk_score));
    expect(facilityScoreOf(scores)).toBe(out.listItem.risk_score);
  });

  it('should keep a facility with a Critical item at least High, and add nothing for Low items', () => {
    expect(facilityScore([80, 1, 2, 3])).toBe(80);
    expect(facilityScoreOf([80, 1, 2, 3])).toBe(80);
    expect(facilityScoreOf([80, 60])).toBe(facilityScore([80, 60]));
    expect(facilityScoreOf([80, 60])).toBeCloseTo(100 * (1 - 0.2 * 0.94), 1);
    expect(facilityScoreOf([])).toBe(0);
  });

  it('should report 70B / 70E percentages as shares of compliant equipment and their mean as overall', () => {
    const { out } = four();
    expect(out.compliance.compliance_summary).toEqual({ overall_compliance: 62.5, nfpa_70b_compliance: 50, nfpa_70e_compliance: 75 });
    expect(out.compliance.nfpa_70b.equipment_counts).toEqual({ total: 4, compliant: 2, non_compliant: 2 });
    expect(out.compliance.nfpa_70e.equipment_counts).toEqual({ total: 4, compliant: 3, non_compliant: 1 });
    expect(out.compliance.nfpa_70e.arc_flash_label_status).toEqual({ present: 3, missing: 1 });
    expect(out.compliance.nfpa_70b.inspection_status).toEqual({ up_to_date: 2, due_soon: 0, overdue: 2 });
    expect(out.compliance.compliance_status).toBe('Out of Compliance');
  });

  it('should list next inspections most overdue first, then soonest due', () => {
    const { out } = four();
    expect(out.compliance.nfpa_70b.next_inspections_due.map((d) => [d.equipment_id, d.due_date, d.days_overdue])).toEqual([
      ['eq-d', '2025-10-31', 366],
      ['eq-c', '2026-09-01', 61],
      ['eq-b', '2027-02-01', 0],
      ['eq-a', '2027-05-01', 0],
    ]);
  });

  it('should list a task with no known due date before any overdue one', () => {
    const { out } = rollUp([
      equipment({ id: 'eq-a', maintenance_records: [ir('2025-09-01'), rec('electrical_testing', '2026-05-01')] }),
      equipment({ id: 'eq-z', install_date: null, maintenance_records: [] }),
    ]);
    expect(out.compliance.nfpa_70b.next_inspections_due.map((d) => [d.equipment_id, d.due_date])).toEqual([
      ['eq-z', null],
      ['eq-a', '2026-09-01'],
    ]);
  });

  it('should give each priority action its risk reduction = facility score minus the score with the action applied (positive, a compliance action, or one that lowers an item the facility cap hides)', () => {
    const { out, assessed } = four();
    const actions = out.risks.risk_recommendation.priority_actions;
    expect(actions.length).toBeGreaterThan(0);
    const byText = new Map(Object.entries(actionText).map(([name, t]) => [t.action, name]));
    const base = facilityScore(assessed.map((a) => a.riskScore));
    for (const pa of actions) {
      const name = byText.get(pa.action)!;
      const after = assessed.map((a) => a.actions.find((x) => x.action === name)?.scoreAfter ?? a.riskScore);
      const lowersAnItem = assessed.some((a) => (a.actions.find((x) => x.action === name)?.scoreAfter ?? a.riskScore) < a.riskScore);
      if (!complianceActions.has(name as never)) expect(pa.risk_reduction > 0 || lowersAnItem).toBe(true);
      expect(pa.risk_reduction).toBe(Math.round((base - facilityScore(after)) * 10) / 10);
      expect(pa.affected_equipment).toEqual(assessed.filter((a) => a.actions.some((x) => x.action === name)).map((a) => a.equipment.id));
    }
    const sorted = [...actions].sort((x, y) => y.risk_reduction - x.risk_reduction);
    expect(actions.map((x) => x.risk_reduction)).toEqual(sorted.map((x) => x.risk_reduction));
    const heat = actions.find((x) => x.action === actionText.repair_thermal_anomalies.action)!;
    expect(heat).toMatchObject({ affected_equipment: ['eq-b'], estimated_cost: 'Medium', urgency: 'High' });
    expect(actions.find((x) => x.action === actionText.perform_overdue_maintenance.action)?.affected_equipment).toEqual(['eq-c', 'eq-d']);
  });

  describe('compliance_status', () => {
    const clean = (n: number, from = 0) =>
      Array.from({ length: n }, (_, i) => equipment({ id: `eq-${String(from + i).padStart(3, '0')}` }));
    const overdue70B = (n: number, from: number) =>
      Array.from({ length: n }, (_, i) =>
        equipment({
          id: `eq-${String(from + i).padStart(3, '0')}`,
          maintenance_records: [ir('2025-09-01'), rec('electrical_testing', '2026-05-01')],
        }),
      );
    const bothFail = (n: number, from: number) =>
      overdue70B(n, from).map((e) => ({ ...e, arc_flash: arcFlash({ label_present: false, label: null }) }));
    const status = (list: Equipment[]) => {
      const c = rollUp(list).out.compliance;
      return [c.compliance_summary.overall_compliance, c.compliance_status];
    };

    it('should be Compliant at overall ≥ 90 % with no task more than 365 days overdue', () => {
      expect(status([...clean(8), ...overdue70B(2, 8)])).toEqual([90, 'Compliant']);
      expect(
        status([
          ...clean(9),
          equipment({ id: 'eq-365', maintenance_records: [ir('2026-05-01'), rec('electrical_testing', '2020-11-01')] }),
        ]),
      ).toEqual([95, 'Compliant']);
    });

    it('should be Warning at overall ≥ 70 % and below 90 %', () => {
      expect(status([...clean(7), ...overdue70B(3, 7)])).toEqual([85, 'Warning']);
      expect(status([...clean(7), ...bothFail(3, 7)])).toEqual([70, 'Warning']);
    });

    it('should be Out of Compliance below 70 %', () => {
      expect(status([...clean(6), ...bothFail(4, 6)])).toEqual([60, 'Out of Compliance']);
    });

    it('should not be Compliant, even at ≥ 90 %, when a task is more than 365 days overdue', () => {
      expect(
        status([
          ...clean(9),
          equipment({ id: 'eq-366', maintenance_records: [ir('2026-05-01'), rec('electrical_testing', '2020-10-31')] }),
        ]),
      ).toEqual([95, 'Warning']);
    });

    it('should not be Compliant when a task is overdue with no known due date', () => {
      const unknown = equipment({ id: 'eq-unknown', install_date: null, maintenance_records: [ir('2026-10-01')] });
      expect(status([...clean(19), unknown])).toEqual([97.5, 'Warning']);
    });

    // MODEL BUG (facility-assessment.ts, FacilityAccumulator.add): the critical-finding check looks only at the
    // single most urgent task, chosen by days_overdue first. A never-performed task with unknown due date has
    // days_overdue 0, so any other overdue task on the same equipment hides it. Here the equipment's electrical test
    // has no record and no install date (overdue, next_due null), and its IR scan of 2025-06-01 is 335 days overdue:
    // the facility comes out 'Compliant' (97.5 %), while the same equipment with a *recent* IR scan gives 'Warning'
    // (test above). Making the IR scan more overdue improves the status; docs/risk-model.md §8 says "(or overdue
    // with no known due date)" blocks Compliant.
    it('should not be Compliant when a task with no known due date is overdue, even if another task on that equipment is more overdue', () => {
      const unknown = equipment({ id: 'eq-unknown', install_date: null, maintenance_records: [ir('2025-06-01')] });
      expect(status([...clean(19), unknown])).toEqual([97.5, 'Warning']);
    });
  });
});

describe('portfolio roll-up', () => {
  function summary(list: Equipment[], fac: Facility, history: FacilityResultSummary['history']): FacilityResultSummary {
    const { out } = rollUp(list, fac);
    return { listItem: out.listItem, compliance: out.compliance, history };
  }
  const clean = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => equipment({ id: `${prefix}-${i}` }));
  const overdue = (prefix: string, n: number) =>
    Array.from({ length: n }, (_, i) =>
      equipment({ id: `${prefix}-o${i}`, maintenance_records: [ir('2025-09-01'), rec('electrical_testing', '2026-05-01')] }),
    );

  it('should weight compliance by equipment, not by facility', () => {
    const p = new PortfolioAccumulator();
    // Facility 1: 2 of 4 compliant (50 %); facility 2: 10 of 10 (100 %). Equipment-weighted: 12 / 14 = 85.7 %.
    p.add(summary([...clean('a', 2), ...overdue('a', 2)], { ...facility, id: 'fac-1' }, []));
    p.add(summary(clean('b', 10), { ...facility, id: 'fac-2' }, []));
    const s = p.finish(LAST_UPDATED);
    expect(s.total_facilities).toBe(2);
    expect(s.total_equipment).toBe(14);
    expect(s.compliance_overview).toEqual({ nfpa_70b_compliance: 85.7, nfpa_70e_compliance: 100, overall_compliance: 92.9 });
  });

  it('should sort highest-risk facilities by score, keep ten, and average facility scores', () => {
    const p = new PortfolioAccumulator();
    const scores: number[] = [];
    for (let i = 0; i < 12; i++) {
      const fac = { ...facility, id: `fac-${String(i).padStart(2, '0')}`, name: `F${i}` };
      // Facility i's single panel was installed in 1960 + 5i: older first, a spread of scores (1960 and 1965 tie at the H₀ cap).
      const s = summary([equipment({ id: `p-${i}`, install_date: `${1960 + 5 * i}-01-01` })], fac, []);
      scores.push(s.listItem.risk_score);
      p.add(s);
    }
    const out = p.finish(LAST_UPDATED);
    const expected = [...scores].sort((x, y) => y - x).slice(0, 10);
    expect(out.highest_risk_facilities.map((f) => f.risk_score)).toEqual(expected);
    expect(out.highest_risk_facilities[0]!.facility_id).toBe('fac-00');
    expect(new Set(scores).size).toBeGreaterThan(6);
    expect(out.risk_overview.average_risk_score).toBe(Math.round((scores.reduce((s, x) => s + x, 0) / 12) * 10) / 10);
  });

  it('should merge risk trends by month, equipment-weighted, oldest first, last 12 months', () => {
    const p = new PortfolioAccumulator();
    const point = (key: string, risk: number, count: number, age: number) => ({
      month_key: key,
      month: `M${key}`,
      risk_score: risk,
      equipment_count: count,
      equipment_age: age,
      model_version: MODEL_VERSION,
      reconstructed: false,
    });
    p.add(summary(clean('a', 4), { ...facility, id: 'fac-1' }, [point('2026-10', 40, 4, 10), point('2025-09', 99, 4, 10)]));
    p.add(summary(clean('b', 10), { ...facility, id: 'fac-2' }, [point('2026-09', 20, 10, 30), point('2026-10', 10, 10, 20)]));
    const months = ['2025-10', '2025-11', '2025-12', '2026-01', '2026-02', '2026-03', '2026-04', '2026-05', '2026-06', '2026-07'];
    p.add(
      summary(
        clean('c', 1),
        { ...facility, id: 'fac-3' },
        months.map((m) => point(m, 5, 1, 1)),
      ),
    );
    const trends = p.finish(LAST_UPDATED).risk_trends;
    expect(trends).toHaveLength(12);
    expect(trends[0]!.month).toBe('M2025-10'); // 2025-09 is the 13th month back: dropped
    const current = { model_version: MODEL_VERSION, reconstructed: false };
    expect(trends.at(-2)).toEqual({ month: 'M2026-09', risk_score: 20, equipment_count: 10, equipment_age: 30, ...current });
    // October: (40·4 + 10·10) / 14 = 18.57; age (10·4 + 20·10) / 14 = 17.14.
    expect(trends.at(-1)).toEqual({ month: 'M2026-10', risk_score: 18.6, equipment_count: 14, equipment_age: 17.1, ...current });
  });
});

describe('assumptions for unknown inputs', () => {
  it('should assume an unknown install date as old as the building, unknown loading overloaded, and say so', () => {
    const a = assessEquipment(equipment({ install_date: null, loading_percent: null }), facility, ASOF);
    expect(a.ageYears).toBeNull();
    // Building 1990: at most 36.8 years (from 1990-01-01); EL = 60 / 0.925.
    expect(a.detail.initialHealth).toBe(Math.round(0.5 * 11 ** (36.8 / (60 / 0.925)) * 100) / 100);
    expect(a.assumptions).toEqual([
      {
        input: 'install_date',
        assumed: '36.8 years old',
        why: 'install date unknown: as old as the building (built 1990), the oldest it can be',
      },
      {
        input: 'loading_percent',
        assumed: '120 %',
        why: 'Unknown loading: assumed overloaded (above 100 %, the worst duty band): an unknown load never scores below a known one',
      },
    ]);
  });

  it('should assume the end of the normal life with no building year, but never younger than the oldest record', () => {
    const noYear: Facility = { ...facility, building_year: null };
    expect(assessEquipment(equipment({ install_date: null }), noYear, ASOF).assumptions[0]).toMatchObject({
      input: 'install_date',
      assumed: '60 years old',
    });
    const f2020: Facility = { ...facility, building_year: 2020 };
    const a = assessEquipment(
      equipment({ install_date: null, maintenance_records: [ir('2026-05-01'), rec('electrical_testing', '2010-11-01')] }),
      f2020,
      ASOF,
    );
    expect(a.assumptions[0]).toMatchObject({ input: 'install_date', assumed: '16 years old' });
  });

  it('should treat an install date in the future as unknown and say so', () => {
    const a = assessEquipment(equipment({ install_date: '2027-01-01' }), facility, ASOF);
    expect(a.ageYears).toBeNull();
    expect(a.assumptions[0]).toMatchObject({
      input: 'install_date',
      why: 'install date 2027-01-01 is in the future: as old as the building (built 1990), the oldest it can be',
    });
  });

  it('should read an unknown nominal voltage from the nameplate, else assume medium voltage', () => {
    const fromPlate = assessEquipment(equipment({ nominal_voltage_v: null, voltage: '480/277V' }), facility, ASOF);
    expect(fromPlate.assumptions).toEqual([
      { input: 'nominal_voltage_v', assumed: '480 V', why: 'read from the nameplate voltage "480/277V"' },
    ]);
    const gear = assessEquipment(equipment({ type: 'switchgear', nominal_voltage_v: null, voltage: null }), facility, ASOF);
    expect(gear.assumptions[0]).toMatchObject({ input: 'nominal_voltage_v', assumed: '13800 V' });
    expect(gear.detail.consequence).toBeGreaterThan(assessEquipment(equipment({ type: 'switchgear' }), facility, ASOF).detail.consequence);
  });
});
