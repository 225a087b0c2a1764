/**
 * Property-based tests of the risk model (2.x) (fast-check): bounds, monotonicity (worse data never scores better),
 * evidence over time (failed tests, observations, infrared load), unknown inputs never scoring better than known
 * ones, facility consistency and floors (adding an item or worsening one never lowers the facility), determinism
 * and robustness to partial records. Equipment comes from the deterministic simulator
 * (condoit/simulator/generator.ts) with one input changed at a time.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ArcFlash, ArcFlashLabel, Equipment, Facility, MaintenanceRecord, Severity } from '../../condoit/schema.js';
import { defaultShape, equipmentCountOf, generateEquipment, generateFacility } from '../../condoit/simulator/generator.js';
import { assessEquipment, type EquipmentAssessment } from '../../domain/equipment-assessment.js';
import { actionText, FacilityAccumulator } from '../../domain/facility-assessment.js';
import { facilityScoreOf } from '../../domain/facility-score.js';
import { goldenSets } from '../support/model-fingerprint.js';

const shape = defaultShape;
const ASOF = Date.parse(`${shape.referenceDate}T00:00:00Z`);
const DAY_MS = 86_400_000;
const NUM_RUNS = 200;
const run = <Ts extends [unknown, ...unknown[]]>(prop: fc.IProperty<Ts>, options: { examples?: Ts[]; numRuns?: number } = {}) =>
  fc.assert(prop, { numRuns: options.numRuns ?? NUM_RUNS, examples: options.examples ?? [] });

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysAgo = (n: number) => isoDay(ASOF - n * DAY_MS);
const shiftDays = (iso: string, days: number) => isoDay(Date.parse(iso.length === 10 ? `${iso}T00:00:00Z` : iso) + days * DAY_MS);

interface Case {
  facility: Facility;
  equipment: Equipment;
}

/** A simulator facility (its environment varied) and one of its equipment, sometimes with criticality/environment varied. */
const arbCase: fc.Arbitrary<Case> = fc
  .integer({ min: 0, max: shape.facilityCount - 1 })
  .chain((f) =>
    fc.record({
      f: fc.constant(f),
      j: fc.integer({ min: 0, max: equipmentCountOf(f, shape) - 1 }),
      environment: fc.option(
        fc.record({ humidity: fc.constantFrom('low', 'medium', 'high'), coastal: fc.boolean(), corrosive_atmosphere: fc.boolean() }),
        { nil: undefined },
      ),
      criticality: fc.option(fc.constantFrom('low', 'medium', 'high', 'life_safety'), { nil: undefined }),
      operating_environment: fc.option(fc.constantFrom('normal', 'harsh', 'beyond_rating'), { nil: undefined }),
    }),
  )
  .map(({ f, j, environment, criticality, operating_environment }) => {
    const facility = generateFacility(f, shape);
    const equipment = generateEquipment(f, j, shape);
    return {
      facility: environment ? { ...facility, environment } : facility,
      equipment: {
        ...equipment,
        ...(criticality ? { criticality } : {}),
        ...(operating_environment ? { operating_environment } : {}),
      },
    };
  });

const assess = (c: Case, e: Equipment = c.equipment): EquipmentAssessment => assessEquipment(e, c.facility, ASOF);

/** How often the worsened input strictly raised the risk score (see runMonotone). */
let strictlyWorse = 0;
/** `worse` differs from `better` by one worsened input: its risk may not drop and no compliance may rise. */
function expectNoBetter(c: Case, better: Equipment, worse: Equipment): void {
  const b = assess(c, better);
  const w = assess(c, worse);
  expect(w.riskScore).toBeGreaterThanOrEqual(b.riskScore);
  if (w.riskScore > b.riskScore) strictlyWorse += 1;
  expect(w.nfpa70b.compliance_percentage).toBeLessThanOrEqual(b.nfpa70b.compliance_percentage);
  expect(w.nfpa70e.compliance_percentage).toBeLessThanOrEqual(b.nfpa70e.compliance_percentage);
}

const severities: Severity[] = ['none', 'minimal', 'moderate', 'severe'];
/** Two distinct ordered indices i < j into a list of n. */
const arbPair = (n: number) =>
  fc.integer({ min: 0, max: n - 2 }).chain((i) => fc.tuple(fc.constant(i), fc.integer({ min: i + 1, max: n - 1 })));

const arbLabel = (ppe: fc.Arbitrary<number | null>): fc.Arbitrary<ArcFlashLabel> =>
  fc.record({
    nominal_voltage: fc.constantFrom('480/277V', '208/120V', '13.8kV', null),
    arc_flash_boundary_in: fc.option(fc.integer({ min: 1, max: 600 }), { nil: null }),
    incident_energy_cal_cm2: fc.constant(0),
    working_distance_in: fc.option(fc.constantFrom(18, 24, 36), { nil: null }),
    ppe_category: ppe,
  });
const completeLabel = (ppe: fc.Arbitrary<number | null>): fc.Arbitrary<ArcFlashLabel> =>
  fc.record({
    nominal_voltage: fc.constantFrom('480/277V', '208/120V', '13.8kV'),
    arc_flash_boundary_in: fc.integer({ min: 1, max: 600 }),
    incident_energy_cal_cm2: fc.integer({ min: 0, max: 800 }).map((x) => x / 10),
    working_distance_in: fc.constantFrom(18, 24, 36),
    ppe_category: ppe,
  });
/** Study age 0–10 years, sometimes missing; modification sometimes after it. */
const arbStudy = fc.record({
  studyDaysAgo: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: null }),
  modifiedDaysAgo: fc.option(fc.integer({ min: 0, max: 3650 }), { nil: null }),
});
const arcFlashOf = (study: { studyDaysAgo: number | null; modifiedDaysAgo: number | null }, label: ArcFlashLabel | null): ArcFlash => ({
  study_date: study.studyDaysAgo === null ? null : daysAgo(study.studyDaysAgo),
  label_present: label !== null,
  label,
  last_modification_date: study.modifiedDaysAgo === null ? null : daysAgo(study.modifiedDaysAgo),
});
/** Incident energies e1 < e2 in [0, 80] cal/cm². */
const arbEnergies = fc
  .tuple(fc.integer({ min: 0, max: 799 }), fc.integer({ min: 1, max: 800 }))
  .map(([a, d]) => [a / 10, Math.min(800, a + d) / 10] as const);

describe('equipment assessment bounds', () => {
  it('should keep the risk score and every factor score in [0, 100], with a rating and condition word matching the bands', () => {
    run(
      fc.property(arbCase, (c) => {
        const a = assess(c);
        expect(Number.isFinite(a.riskScore)).toBe(true);
        expect(a.riskScore).toBeGreaterThanOrEqual(0);
        expect(a.riskScore).toBeLessThanOrEqual(100);
        for (const f of a.factors) {
          expect(f.score).toBeGreaterThanOrEqual(0);
          expect(f.score).toBeLessThanOrEqual(100);
          expect(Number.isFinite(f.contribution)).toBe(true);
        }
        const s = a.riskScore;
        expect(a.riskRating).toBe(s >= 75 ? 'Critical' : s >= 50 ? 'High' : s >= 25 ? 'Medium' : 'Low');
        const h = a.detail.healthIndex;
        expect(h).toBeGreaterThanOrEqual(0.5);
        expect(h).toBeLessThanOrEqual(10);
        expect(a.conditionWord).toBe(h <= 3 ? 'Excellent' : h <= 5.5 ? 'Good' : h <= 6.5 ? 'Fair' : h <= 8 ? 'Poor' : 'Critical');
        expect(a.detail.consequence).toBeGreaterThanOrEqual(0.3);
        expect(a.detail.consequence).toBeLessThanOrEqual(1);
        expect(a.nfpa70b.compliance_percentage).toBeGreaterThanOrEqual(0);
        expect(a.nfpa70b.compliance_percentage).toBeLessThanOrEqual(100);
        expect(a.nfpa70e.compliance_percentage).toBeGreaterThanOrEqual(0);
        expect(a.nfpa70e.compliance_percentage).toBeLessThanOrEqual(100);
        // Every action helps or is neutral: a score after an action is never above the score now.
        for (const act of a.actions) expect(act.scoreAfter).toBeLessThanOrEqual(a.riskScore);
      }),
    );
  });

  it('should make 70B compliant exactly when no task is overdue, and each percentage 100 exactly when compliant', () => {
    run(
      fc.property(arbCase, (c) => {
        const a = assess(c);
        expect(a.nfpa70b.compliant).toBe(a.tasks.every((t) => t.status !== 'overdue'));
        expect(a.nfpa70b.compliance_percentage === 100).toBe(a.nfpa70b.compliant);
        expect(a.nfpa70e.compliance_percentage === 100).toBe(a.nfpa70e.compliant);
      }),
    );
  });
});

/** Runs a monotonicity property and checks it is not vacuous: the worsened input raised the score at least once. */
function runMonotone<Ts extends [unknown, ...unknown[]]>(prop: fc.IProperty<Ts>): void {
  strictlyWorse = 0;
  run(prop);
  expect(strictlyWorse).toBeGreaterThan(0);
}

describe('monotonicity: worsening one input never lowers risk or raises compliance', () => {
  it('should not score an older install date lower', () => {
    runMonotone(
      fc.property(arbCase, fc.integer({ min: 0, max: 70 * 365 }), fc.integer({ min: 1, max: 30 * 365 }), (c, ageDays, extra) => {
        const better = { ...c.equipment, install_date: daysAgo(ageDays) };
        const worse = { ...c.equipment, install_date: daysAgo(ageDays + extra) };
        expectNoBetter(c, better, worse);
      }),
    );
  });

  it('should not score older maintenance records (more overdue) lower', () => {
    runMonotone(
      fc.property(arbCase, fc.integer({ min: 1, max: 3000 }), (c, days) => {
        const older: MaintenanceRecord[] = c.equipment.maintenance_records.map((r) => ({ ...r, date: shiftDays(r.date, -days) }));
        expectNoBetter(c, c.equipment, { ...c.equipment, maintenance_records: older });
      }),
    );
  });

  it('should not score a hotter latest infrared scan (higher ΔT) lower', () => {
    runMonotone(
      fc.property(
        arbCase,
        fc.integer({ min: 0, max: 500 }),
        fc.integer({ min: 1, max: 500 }),
        fc.integer({ min: 1, max: 700 }),
        (c, t10, d10, scanDaysAgo) => {
          const records = [...c.equipment.maintenance_records];
          if (!records.some((r) => r.task === 'infrared_thermography' && r.infrared)) {
            records.push({
              id: 'added-ir',
              task: 'infrared_thermography',
              date: daysAgo(scanDaysAgo),
              result: 'pass',
              technician: null,
              notes: null,
              infrared: { max_temperature_c: 40, delta_t_c: 0, load_percent: 60 },
            });
          }
          // The latest scan, as the model finds it (first of the latest date).
          let latest = -1;
          records.forEach((r, i) => {
            if (r.task === 'infrared_thermography' && r.infrared && (latest < 0 || r.date > records[latest]!.date)) latest = i;
          });
          const withDelta = (delta: number): Equipment => ({
            ...c.equipment,
            maintenance_records: records.map((r, i) => (i === latest ? { ...r, infrared: { ...r.infrared!, delta_t_c: delta } } : r)),
          });
          expectNoBetter(c, withDelta(t10 / 10), withDelta((t10 + d10) / 10));
        },
      ),
    );
  });

  it('should not score more severe rust or corrosion lower', () => {
    runMonotone(
      fc.property(arbCase, arbPair(4), fc.constantFrom('rust' as const, 'corrosion' as const), (c, [i, j], kind) => {
        const withObs = (s: Severity): Equipment => ({
          ...c.equipment,
          observations: [...c.equipment.observations, { id: 'added-ob', kind, severity: s, observed_at: daysAgo(30), notes: null }],
        });
        expectNoBetter(c, withObs(severities[i]!), withObs(severities[j]!));
      }),
    );
  });

  it('should not score a higher incident energy lower (label with a PPE category)', () => {
    runMonotone(
      fc.property(arbCase, arbStudy, arbLabel(fc.integer({ min: 0, max: 4 })), arbEnergies, (c, study, lab, [e1, e2]) => {
        const at = (ie: number): Equipment => ({ ...c.equipment, arc_flash: arcFlashOf(study, { ...lab, incident_energy_cal_cm2: ie }) });
        expectNoBetter(c, at(e1), at(e2));
      }),
    );
  });

  // MODEL BUG (compliance-70e.ts): the PPE-consistency check only exists when a PPE category is on the label or
  // the energy is above 40 cal/cm². With no category on the label, crossing 40 cal/cm² adds a *passing* check, so
  // the percentage rises. Example: study 2020-01-01 (older than 5 years, fails), complete label without a PPE
  // category: at 30 cal/cm² 4 of 5 checks pass (80 %); at 41 cal/cm² 5 of 6 (83.3 %), although the equipment now
  // needs de-energizing.
  it('should not raise 70E compliance when incident energy rises past 40 cal/cm² on a label without a PPE category', () => {
    const generated: Case = { facility: generateFacility(0, shape), equipment: generateEquipment(0, 0, shape) };
    const oldStudy = { studyDaysAgo: Math.round((ASOF - Date.parse('2020-01-01T00:00:00Z')) / DAY_MS), modifiedDaysAgo: null };
    const noPpe: ArcFlashLabel = {
      nominal_voltage: '480/277V',
      arc_flash_boundary_in: 100,
      incident_energy_cal_cm2: 0,
      working_distance_in: 18,
      ppe_category: null,
    };
    run(
      fc.property(arbCase, arbStudy, arbLabel(fc.constant(null)), arbEnergies, (c, study, lab, [e1, e2]) => {
        const at = (ie: number): Equipment => ({ ...c.equipment, arc_flash: arcFlashOf(study, { ...lab, incident_energy_cal_cm2: ie }) });
        expectNoBetter(c, at(e1), at(e2));
      }),
      { examples: [[generated, oldStudy, noPpe, [30, 41]]] },
    );
  });

  it('should not score removing a complete arc-flash label lower (incident energy ≤ 25 cal/cm²)', () => {
    runMonotone(
      fc.property(arbCase, arbStudy, completeLabel(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null })), (c, study, complete) => {
        const lab = { ...complete, incident_energy_cal_cm2: Math.min(25, complete.incident_energy_cal_cm2!) };
        expectNoBetter(c, { ...c.equipment, arc_flash: arcFlashOf(study, lab) }, { ...c.equipment, arc_flash: arcFlashOf(study, null) });
      }),
    );
  });

  it('should not score removing an arc-flash label lower, whatever incident energy it showed', () => {
    const generated: Case = { facility: generateFacility(0, shape), equipment: generateEquipment(0, 0, shape) };
    const currentStudy = { studyDaysAgo: 300, modifiedDaysAgo: null };
    const high: ArcFlashLabel = {
      nominal_voltage: '480/277V',
      arc_flash_boundary_in: 372,
      incident_energy_cal_cm2: 45,
      working_distance_in: 18,
      ppe_category: null,
    };
    run(
      fc.property(arbCase, arbStudy, completeLabel(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null })), (c, study, lab) => {
        expectNoBetter(c, { ...c.equipment, arc_flash: arcFlashOf(study, lab) }, { ...c.equipment, arc_flash: arcFlashOf(study, null) });
      }),
      { examples: [[generated, currentStudy, high]] },
    );
  });

  it('should not raise 70E compliance when an (incomplete) arc-flash label is removed', () => {
    const generated: Case = { facility: generateFacility(0, shape), equipment: generateEquipment(0, 0, shape) };
    const currentStudy = { studyDaysAgo: Math.round((ASOF - Date.parse('2025-01-01T00:00:00Z')) / DAY_MS), modifiedDaysAgo: null };
    const bad: ArcFlashLabel = {
      nominal_voltage: null,
      arc_flash_boundary_in: 40,
      incident_energy_cal_cm2: 10,
      working_distance_in: 18,
      ppe_category: 1,
    };
    const anyLabel: fc.Arbitrary<ArcFlashLabel> = arbLabel(fc.option(fc.integer({ min: 0, max: 4 }), { nil: null })).chain((l) =>
      fc.integer({ min: 0, max: 800 }).map((x) => ({ ...l, incident_energy_cal_cm2: x / 10 })),
    );
    run(
      fc.property(arbCase, arbStudy, anyLabel, (c, study, lab) => {
        expectNoBetter(c, { ...c.equipment, arc_flash: arcFlashOf(study, lab) }, { ...c.equipment, arc_flash: arcFlashOf(study, null) });
      }),
      { examples: [[generated, currentStudy, bad]] },
    );
  });

  it('should not score a higher criticality lower', () => {
    const levels = ['low', 'medium', 'high', 'life_safety'] as const;
    runMonotone(
      fc.property(arbCase, arbPair(4), (c, [i, j]) => {
        expectNoBetter(c, { ...c.equipment, criticality: levels[i]! }, { ...c.equipment, criticality: levels[j]! });
      }),
    );
  });

  it('should not score copper < mixed < aluminium < aluminium with Al–Cu transitions lower', () => {
    const conductors = [
      { conductor_material: 'copper', al_cu_transitions: false },
      { conductor_material: 'mixed', al_cu_transitions: false },
      { conductor_material: 'aluminum', al_cu_transitions: false },
      { conductor_material: 'aluminum', al_cu_transitions: true },
    ] as const;
    runMonotone(
      fc.property(arbCase, arbPair(4), (c, [i, j]) => {
        expectNoBetter(c, { ...c.equipment, ...conductors[i]! }, { ...c.equipment, ...conductors[j]! });
      }),
    );
  });

  it('should not score a higher loading lower', () => {
    runMonotone(
      fc.property(arbCase, fc.integer({ min: 0, max: 299 }), fc.integer({ min: 1, max: 300 }), (c, l, d) => {
        expectNoBetter(c, { ...c.equipment, loading_percent: l }, { ...c.equipment, loading_percent: Math.min(300, l + d) });
      }),
    );
  });
});

const recordOf = (
  task: MaintenanceRecord['task'],
  date: string,
  result: MaintenanceRecord['result'],
  infrared: MaintenanceRecord['infrared'] = null,
): MaintenanceRecord => ({ id: `p-${task}-${date}-${result}`, task, date, result, technician: null, notes: null, infrared });
const arbTask = fc.constantFrom<MaintenanceRecord['task']>(
  'electrical_testing',
  'insulation_testing',
  'visual_inspection',
  'fluid_analysis',
  'infrared_thermography',
  'torque_check',
);

describe('evidence over time: worse findings never score better', () => {
  it('should not score a failed test lower than the same test passed', () => {
    runMonotone(
      fc.property(arbCase, arbTask, fc.integer({ min: 0, max: 2000 }), (c, task, ago) => {
        const ir = task === 'infrared_thermography' ? { max_temperature_c: 30, delta_t_c: 0, load_percent: 80 } : null;
        const withResult = (result: MaintenanceRecord['result']): Equipment => ({
          ...c.equipment,
          maintenance_records: [...c.equipment.maintenance_records, recordOf(task, daysAgo(ago), result, ir)],
        });
        const pass = assess(c, withResult('pass'));
        const fail = assess(c, withResult('fail'));
        expect(fail.riskScore).toBeGreaterThanOrEqual(pass.riskScore);
        if (fail.riskScore > pass.riskScore) strictlyWorse += 1;
      }),
    );
  });

  it('should not score a failure left open lower than one followed by a pass of the same task or a repair', () => {
    runMonotone(
      fc.property(
        arbCase,
        fc.constantFrom<MaintenanceRecord['task']>('electrical_testing', 'visual_inspection', 'torque_check'),
        fc.integer({ min: 30, max: 2000 }),
        fc.constantFrom('pass', 'repair'),
        (c, task, ago, fix) => {
          // Records after the installation (a record before it is a data error the schedule cannot order).
          fc.pre(c.equipment.install_date === null || daysAgo(ago) >= c.equipment.install_date.slice(0, 10));
          const failed: Equipment = {
            ...c.equipment,
            maintenance_records: [...c.equipment.maintenance_records, recordOf(task, daysAgo(ago), 'fail')],
          };
          const fixed: Equipment = {
            ...failed,
            maintenance_records: [
              ...failed.maintenance_records,
              fix === 'pass' ? recordOf(task, daysAgo(ago - 10), 'pass') : recordOf('repair', daysAgo(ago - 10), 'pass'),
            ],
          };
          expectNoBetter(c, fixed, failed);
        },
      ),
    );
  });

  it('should not score more severe moisture, loose parts or physical damage lower', () => {
    runMonotone(
      fc.property(
        arbCase,
        fc.constantFrom('moisture', 'loose_parts', 'physical_damage', 'heat_discoloration') as fc.Arbitrary<'moisture'>,
        arbPair(4),
        (c, kind, [i, j]) => {
          const withObs = (s: Severity): Equipment => ({
            ...c.equipment,
            observations: [...c.equipment.observations, { id: 'p-obs', kind, severity: s, observed_at: daysAgo(30), notes: null }],
          });
          expectNoBetter(c, withObs(severities[i]!), withObs(severities[j]!));
        },
      ),
    );
  });

  it('should not score the same hot spot found at a lower load lower (ΔT compared at a common load)', () => {
    runMonotone(
      fc.property(
        arbCase,
        fc.integer({ min: 1, max: 40 }),
        fc.integer({ min: 40, max: 199 }),
        fc.integer({ min: 1, max: 160 }),
        (c, dT, low, d) => {
          const scanAt = (load: number): Equipment => ({
            ...c.equipment,
            maintenance_records: [
              ...c.equipment.maintenance_records.filter((r) => r.task !== 'infrared_thermography'),
              recordOf('infrared_thermography', daysAgo(20), 'pass', { max_temperature_c: 30 + dT, delta_t_c: dT, load_percent: load }),
            ],
          });
          expectNoBetter(c, scanAt(Math.min(200, low + d)), scanAt(low));
        },
      ),
    );
  });

  it('should never lower the risk or raise compliance by adding a scan below 40 % load', () => {
    run(
      fc.property(
        arbCase,
        fc.integer({ min: 0, max: 39 }),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 400 }),
        (c, load, dT, ago) => {
          const added: Equipment = {
            ...c.equipment,
            maintenance_records: [
              ...c.equipment.maintenance_records,
              recordOf('infrared_thermography', daysAgo(ago), 'pass', { max_temperature_c: 30 + dT, delta_t_c: dT, load_percent: load }),
            ],
          };
          expectNoBetter(c, c.equipment, added);
          expect(assess(c, added).tasks.map((x) => x.last_performed)).toEqual(assess(c).tasks.map((x) => x.last_performed));
        },
      ),
    );
  });
});

describe('unknown inputs never score better than known ones', () => {
  it('should not score an unknown install date lower than any known one no older than the building', () => {
    run(
      fc.property(arbCase, fc.integer({ min: 0, max: 36_500 }), (c, ageDays) => {
        const building = c.facility.building_year!;
        const earliest = Date.parse(`${building}-01-01T00:00:00Z`);
        const install = isoDay(Math.max(earliest, ASOF - ageDays * DAY_MS));
        expectNoBetter(c, { ...c.equipment, install_date: install }, { ...c.equipment, install_date: null });
      }),
    );
  });

  it('should not score an unknown conductor, loading or voltage lower than any known value', () => {
    run(
      fc.property(
        arbCase,
        fc.constantFrom('copper', 'mixed', 'aluminum') as fc.Arbitrary<'copper'>,
        fc.integer({ min: 0, max: 120 }),
        fc.constantFrom(208, 480, 4160, 13_800),
        (c, conductor, loading, volts) => {
          expectNoBetter(c, { ...c.equipment, conductor_material: conductor }, { ...c.equipment, conductor_material: null });
          expectNoBetter(c, { ...c.equipment, loading_percent: loading }, { ...c.equipment, loading_percent: null });
          expectNoBetter(
            c,
            { ...c.equipment, nominal_voltage_v: volts, voltage: `${volts}V` },
            { ...c.equipment, nominal_voltage_v: null, voltage: null },
          );
        },
      ),
    );
  });

  it('should not score an unknown incident energy lower than any known one', () => {
    run(
      fc.property(arbCase, arbStudy, fc.integer({ min: 0, max: 800 }), (c, study, tenths) => {
        const known: ArcFlashLabel = {
          nominal_voltage: '480/277V',
          arc_flash_boundary_in: 40,
          incident_energy_cal_cm2: tenths / 10,
          working_distance_in: 18,
          ppe_category: null,
        };
        expectNoBetter(
          c,
          { ...c.equipment, arc_flash: arcFlashOf(study, known) },
          { ...c.equipment, arc_flash: arcFlashOf(study, { ...known, incident_energy_cal_cm2: null, working_distance_in: null }) },
        );
      }),
    );
  });
});

describe('facility floors: one item is never averaged away', () => {
  it('should never lower the facility score by adding an item, or by making one worse', () => {
    run(
      fc.property(arbFacility, fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 1000 }), ({ f, js }, extra, worse) => {
        const facility = generateFacility(f, shape);
        const scoresOf = (list: Equipment[]) => {
          const acc = new FacilityAccumulator(facility, ASOF, 'now');
          for (const e of list) acc.add(assessEquipment(e, facility, ASOF));
          return acc.finish().listItem.risk_score;
        };
        const items = js.map((j) => generateEquipment(f, j, shape));
        const base = scoresOf(items);
        expect(scoresOf([...items, generateEquipment(f, extra % equipmentCountOf(f, shape), shape, 1)])).toBeGreaterThanOrEqual(base);
        // Worsen one item: a severe corrosion observation and a failed electrical test.
        const k = worse % items.length;
        const worsened = items.map((e, i) =>
          i === k
            ? {
                ...e,
                observations: [
                  ...e.observations,
                  { id: 'p-w', kind: 'corrosion' as const, severity: 'severe' as const, observed_at: daysAgo(5), notes: null },
                ],
                maintenance_records: [...e.maintenance_records, recordOf('electrical_testing', daysAgo(5), 'fail')],
              }
            : e,
        );
        expect(scoresOf(worsened)).toBeGreaterThanOrEqual(base);
      }),
      { numRuns: 100 },
    );
  });
});

/** A simulator facility and a non-empty subset of its equipment. */
const arbFacility = fc.integer({ min: 0, max: shape.facilityCount - 1 }).chain((f) =>
  fc.record({
    f: fc.constant(f),
    js: fc.uniqueArray(fc.integer({ min: 0, max: equipmentCountOf(f, shape) - 1 }), { minLength: 1, maxLength: 40 }),
  }),
);

function rollUp(f: number, js: number[]) {
  const facility = generateFacility(f, shape);
  const acc = new FacilityAccumulator(facility, ASOF, '2026-11-01T00:00:00.000Z');
  const scores: number[] = [];
  for (const j of js) {
    const a = assessEquipment(generateEquipment(f, j, shape), facility, ASOF);
    scores.push(a.riskScore);
    acc.add(a);
  }
  return { out: acc.finish(), scores };
}

describe('facility consistency', () => {
  it('should keep the facility score at least its worst item, equal to the formula over the scores, with a Critical item never below High', () => {
    run(
      fc.property(arbFacility, ({ f, js }) => {
        const { out, scores } = rollUp(f, js);
        const score = out.listItem.risk_score;
        expect(score).toBeGreaterThanOrEqual(Math.max(...scores));
        expect(score).toBeLessThanOrEqual(100);
        expect(Math.abs(score - facilityScoreOf(scores))).toBeLessThanOrEqual(0.1 + 1e-9);
        if (scores.some((s) => s >= 75)) expect(['High', 'Critical']).toContain(out.risks.risk_summary.risk_level);
        const d = out.listItem.risk_distribution;
        expect(d.low + d.medium + d.high + d.critical).toBe(js.length);
        expect(out.compliance.nfpa_70b.equipment_counts.compliant + out.compliance.nfpa_70b.equipment_counts.non_compliant).toBe(js.length);
        const st = out.compliance.nfpa_70b.inspection_status;
        expect(st.up_to_date + st.due_soon + st.overdue).toBe(js.length);
        // Compliance: overall is the mean of 70B and 70E; status follows the 90 / 70 thresholds and the 365-day rule.
        const cs = out.compliance.compliance_summary;
        expect(cs.overall_compliance).toBe(Math.round(((cs.nfpa_70b_compliance + cs.nfpa_70e_compliance) / 2) * 10) / 10);
        const listed = out.compliance.nfpa_70b.next_inspections_due;
        const critical = listed.some((d) => d.days_overdue > 365 || d.due_date === null);
        if (out.compliance.compliance_status === 'Compliant')
          expect(cs.overall_compliance >= 90 && !critical && !scores.some((s) => s >= 75)).toBe(true);
        expect(out.compliance.compliance_status === 'Out of Compliance').toBe(cs.overall_compliance < 70);
        // Next inspections: unknown due dates first, then most days overdue first.
        const firstKnown = listed.findIndex((d) => d.due_date !== null);
        const known = firstKnown < 0 ? [] : listed.slice(firstKnown);
        expect(known.every((d) => d.due_date !== null)).toBe(true);
        for (let i = 1; i < known.length; i++) expect(known[i]!.days_overdue).toBeLessThanOrEqual(known[i - 1]!.days_overdue);
        const compliance = new Set(
          [
            actionText.correct_failed_tests,
            actionText.perform_overdue_maintenance,
            actionText.update_arc_flash_study,
            actionText.label_arc_flash_hazard,
          ].map((x) => x.action),
        );
        for (const pa of out.risks.risk_recommendation.priority_actions) {
          // Zero only for a compliance action, or one whose effect on its items the facility's cap (100) or floor hides.
          if (!compliance.has(pa.action) && pa.risk_reduction === 0) expect(pa.affected_equipment.length).toBeGreaterThan(0);
          expect(pa.risk_reduction).toBeGreaterThanOrEqual(0);
          expect(pa.risk_reduction).toBeLessThanOrEqual(score);
        }
      }),
      { examples: [[{ f: 0, js: [0] }]] },
    );
  });
});

describe('determinism', () => {
  it('should give deep-equal equipment assessments for the same equipment and asOf', () => {
    run(
      fc.property(arbCase, (c) => {
        expect(assessEquipment(structuredClone(c.equipment), c.facility, ASOF)).toEqual(assess(c));
      }),
    );
  });

  it('should give deep-equal facility results for the same equipment and asOf', () => {
    run(
      fc.property(arbFacility, ({ f, js }) => {
        expect(rollUp(f, js)).toEqual(rollUp(f, js));
      }),
      { numRuns: 50 },
    );
  });
});

describe('partial and malformed records', () => {
  it('should never throw on null install date, loading, arc flash, conductor, voltage or empty records, and note what it assumed', () => {
    run(
      fc.property(
        arbCase,
        fc.record({
          noInstall: fc.boolean(),
          noLoading: fc.boolean(),
          noArcFlash: fc.boolean(),
          noRecords: fc.boolean(),
          noObservations: fc.boolean(),
          noConductor: fc.boolean(),
          noVoltage: fc.boolean(),
          noInfraredData: fc.boolean(),
        }),
        (c, m) => {
          const e: Equipment = {
            ...c.equipment,
            install_date: m.noInstall ? null : c.equipment.install_date,
            loading_percent: m.noLoading ? null : c.equipment.loading_percent,
            arc_flash: m.noArcFlash ? null : c.equipment.arc_flash,
            maintenance_records: m.noRecords
              ? []
              : c.equipment.maintenance_records.map((r) => (m.noInfraredData ? { ...r, infrared: null } : r)),
            observations: m.noObservations ? [] : c.equipment.observations,
            conductor_material: m.noConductor ? null : c.equipment.conductor_material,
            nominal_voltage_v: m.noVoltage ? null : c.equipment.nominal_voltage_v,
            voltage: m.noVoltage ? null : c.equipment.voltage,
          };
          const a = assess(c, e);
          expect(a.riskScore).toBeGreaterThanOrEqual(0);
          expect(a.riskScore).toBeLessThanOrEqual(100);
          const assumed = new Set(a.assumptions.map((x) => x.input));
          expect(assumed.has('install_date')).toBe(e.install_date === null || Date.parse(e.install_date) > ASOF);
          expect(assumed.has('loading_percent')).toBe(e.loading_percent === null);
          expect(assumed.has('conductor_material')).toBe(e.conductor_material === null);
          expect(assumed.has('nominal_voltage_v')).toBe(e.nominal_voltage_v === null);
          for (const x of a.assumptions) expect(x.why.length).toBeGreaterThan(10);
          if (e.install_date === null) expect(a.ageYears).toBeNull();
          if (e.arc_flash === null) {
            expect(a.nfpa70e).toMatchObject({
              compliant: false,
              compliance_percentage: 0,
              arc_flash_label_present: false,
              last_assessment: null,
            });
          }
          if (e.maintenance_records.length === 0) {
            expect(a.nfpa70b.last_inspection).toBeNull();
            // Never performed: due one interval after installation, or overdue with no due date when that is unknown too.
            for (const t of a.tasks) {
              expect(t.last_performed).toBeNull();
              if (e.install_date === null) expect(t).toMatchObject({ status: 'overdue', next_due: null });
              else expect(t.next_due! > e.install_date.slice(0, 10)).toBe(true);
            }
            if (e.install_date === null) expect(a.nfpa70b.compliant).toBe(false);
          }
          // The facility roll-up takes it too.
          const acc = new FacilityAccumulator(c.facility, ASOF, 'now');
          acc.add(a);
          expect(acc.finish().listItem.equipment_count).toBe(1);
        },
      ),
    );
  });
});

describe('explanations add up', () => {
  const sum = (xs: readonly { contribution: number }[]) => Math.round(xs.reduce((s, x) => s + x.contribution, 0) * 10) / 10;

  it("should explain every item's risk score exactly: the contributions (asset class baseline included) sum to it", () => {
    run(
      fc.property(arbCase, (c) => {
        const a = assess(c);
        expect(sum(a.factors)).toBe(a.riskScore);
        // Each factor names the rule that fired, its citation, and the inputs it read.
        for (const f of a.factors) {
          expect(f.rule).toMatch(/^[a-zA-Z]+\.[a-zA-Z]+$/);
          expect(f.citation.length).toBeGreaterThan(10);
          expect(typeof f.inputs).toBe('object');
        }
      }),
      { numRuns: 400 },
    );
  });

  it("should explain every facility's risk score exactly: its categories and its factors sum to it", () => {
    run(
      fc.property(
        fc.integer({ min: 0, max: shape.facilityCount - 1 }),
        fc.option(fc.constantFrom('low', 'medium', 'high'), { nil: undefined }),
        fc.integer({ min: 1, max: 60 }),
        (f, humidity, count) => {
          const base = generateFacility(f, shape);
          const facility = humidity ? { ...base, environment: { ...base.environment, humidity } } : base;
          const acc = new FacilityAccumulator(facility, ASOF, 'now');
          for (let j = 0; j < Math.min(count, equipmentCountOf(f, shape)); j++)
            acc.add(assessEquipment(generateEquipment(f, j, shape), facility, ASOF));
          const out = acc.finish();
          expect(sum(out.risks.risk_categories)).toBe(out.risks.risk_summary.risk_score);
          expect(sum(out.detail.risk_factors)).toBe(out.detail.risk_score);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('forecast: doing nothing never makes it better', () => {
  const day = (d: string | null) => (d === null ? Infinity : Date.parse(`${d}T00:00:00Z`));

  it('should never forecast a score below today, and never lower further ahead', () => {
    run(
      fc.property(arbCase, (c) => {
        const a = assess(c);
        let previous = a.riskScore;
        for (const s of a.scoresAhead) {
          expect(s).toBeGreaterThanOrEqual(previous);
          previous = s;
        }
        expect(day(a.forecast.high_on)).toBeLessThanOrEqual(day(a.forecast.critical_on));
        if (a.riskScore >= 50) expect(a.forecast.high_on).toBe(isoDay(ASOF));
        if (a.riskScore < 50 && a.forecast.high_on !== null) expect(day(a.forecast.high_on)).toBeGreaterThan(ASOF);
      }),
    );
  });

  it('should never bring a forecast date earlier after a repair, nor later after a worse observation', () => {
    const kinds = ['rust', 'corrosion', 'moisture', 'loose_parts', 'physical_damage', 'heat_discoloration'] as const;
    run(
      fc.property(arbCase, fc.constantFrom(...kinds), fc.constantFrom('minimal', 'moderate', 'severe'), (c, kind, severity) => {
        const now = assess(c);
        const worse = assess(c, {
          ...c.equipment,
          observations: [...c.equipment.observations, { id: 'o-new', kind, severity, observed_at: daysAgo(3), notes: null }],
        });
        expect(day(worse.forecast.high_on)).toBeLessThanOrEqual(day(now.forecast.high_on));
        expect(day(worse.forecast.critical_on)).toBeLessThanOrEqual(day(now.forecast.critical_on));
        const repaired = assess(c, {
          ...c.equipment,
          maintenance_records: [
            ...c.equipment.maintenance_records,
            { id: 'r-new', task: 'repair', date: daysAgo(1), result: 'pass', technician: null, notes: null, infrared: null },
          ],
        });
        expect(day(repaired.forecast.high_on)).toBeGreaterThanOrEqual(day(now.forecast.high_on));
        expect(day(repaired.forecast.critical_on)).toBeGreaterThanOrEqual(day(now.forecast.critical_on));
      }),
    );
  });
});

describe('explanations add up on the edge cases', () => {
  it('should add up for every golden item (unknown inputs, open failures, inconclusive scans, labels, studies) and facility', () => {
    const sum = (xs: readonly { contribution: number }[]) => Math.round(xs.reduce((s, x) => s + x.contribution, 0) * 10) / 10;
    for (const set of goldenSets()) {
      const acc = new FacilityAccumulator(set.facility, set.asOf, 'golden');
      for (const e of set.equipment) {
        const a = assessEquipment(e, set.facility, set.asOf);
        expect(sum(a.factors), e.id).toBe(a.riskScore);
        acc.add(a);
      }
      const out = acc.finish();
      expect(sum(out.risks.risk_categories), set.facility.id).toBe(out.risks.risk_summary.risk_score);
    }
  });
});
