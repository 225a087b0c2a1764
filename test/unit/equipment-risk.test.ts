import { describe, expect, it } from 'vitest';
import type { Equipment, Facility } from '../../condoit/schema.js';
import { combineFactors, riskFactorsOf, scoreEquipment, type ScoredFactor } from '../../domain/equipment-risk.js';
import { FacilityRiskAccumulator } from '../../domain/facility-risks.js';
import { scoreEquipmentWithFactors } from '../../domain/equipment-risk.js';
import { riskLevelFor } from '../../domain/risk-bands.js';
import { defaultShape, equipmentCountOf, generateEquipment, generateFacility } from '../../condoit/simulator/generator.js';

const asOf = new Date('2026-11-01T00:00:00Z');

const facility: Facility = {
  id: 'fac-1', organization_id: 'org-1', name: 'Plant', address: { street: '1 Main', city: 'Denver', state: 'CO', postal_code: '80202', country: 'US' },
  coordinates: { lat: 39.7, lng: -104.9 }, contractor: null, building_year: 2000,
  environment: { humidity: 'low', coastal: false, corrosive_atmosphere: false }, equipment_count: 1, updated_at: '2026-10-01T00:00:00Z',
};

function equipment(overrides: Partial<Equipment> = {}): Equipment {
  return {
    id: 'eq-1', facility_id: 'fac-1', name: 'PANEL-1', type: 'panelboard', manufacturer: null, model: null, serial_number: null,
    install_date: '2024-11-01', location: { building: 'A', floor: '1', room: 'E101' }, voltage: '480/277V', nominal_voltage_v: 480,
    amperage: 400, phases: 3, enclosure_type: null, mount_type: null, insulation: null, conductor_material: 'copper', al_cu_transitions: false,
    criticality: 'medium', operating_environment: 'normal', loading_percent: 40,
    maintenance_records: [{ id: 'm1', task: 'infrared_thermography', date: '2026-08-01', result: 'pass', technician: null, notes: null, infrared: { max_temperature_c: 31, delta_t_c: 0, load_percent: 60 } }],
    observations: [], arc_flash: null, photos: [], updated_at: '2026-10-01T00:00:00Z',
    ...overrides,
  };
}

const factor = (e: Equipment, name: string) => riskFactorsOf(e, facility, asOf).find((f) => f.factor === name);

describe('equipment risk model 0.1.0 (golden cases)', () => {
  it('should rate new, scanned, lightly loaded copper equipment Low and Excellent', () => {
    const r = scoreEquipment(equipment(), facility, asOf);
    expect(r.risk_rating).toBe('Low');
    expect(r.condition).toBe('Excellent');
    expect(r.risk_score).toBeLessThan(15);
  });

  it('age: 60 × age / expected life up to the expected life, steeper beyond', () => {
    // Panelboard expected life 40 y; installed 20 y before asOf → 60 × 0.5 = 30.
    expect(factor(equipment({ install_date: '2006-11-01' }), 'age')?.score).toBeCloseTo(30, 0);
    // 50 y → ratio 1.25 → 60 + 80 × 0.25 = 80.
    expect(factor(equipment({ install_date: '1976-11-01' }), 'age')?.score).toBeCloseTo(80, 0);
  });

  it('maintenance: an infrared scan 19 months ago is 7 months past the 12-month interval, explained in words', () => {
    const e = equipment({ maintenance_records: [{ id: 'm', task: 'infrared_thermography', date: '2025-04-01', result: 'pass', technician: null, notes: null, infrared: null }] });
    const f = factor(e, 'maintenance')!;
    expect(f.description).toBe('Last infrared scan 19 months ago; interval is 12 months (NFPA 70B)');
    expect(f.score).toBeCloseTo(40 + 7.03 * 3.5, 0);
  });

  it('maintenance: no infrared scan at all scores 80', () => {
    expect(factor(equipment({ maintenance_records: [] }), 'maintenance')?.score).toBe(80);
  });

  it('heat: ΔT above 15 °C is a major deficiency (90), 4–15 °C probable (60), 1–3 °C possible (25)', () => {
    const withDelta = (d: number) => equipment({ maintenance_records: [{ id: 'm', task: 'infrared_thermography', date: '2026-08-01', result: 'pass', technician: null, notes: null, infrared: { max_temperature_c: 40 + d, delta_t_c: d, load_percent: 70 } }] });
    expect(factor(withDelta(20), 'heat')?.score).toBe(90);
    expect(factor(withDelta(10), 'heat')?.score).toBe(60);
    expect(factor(withDelta(2), 'heat')?.score).toBe(25);
    expect(factor(withDelta(0), 'heat')).toBeUndefined();
  });

  it('aluminium: transitions to copper score 80, plain aluminium 60', () => {
    expect(factor(equipment({ conductor_material: 'aluminum', al_cu_transitions: true }), 'aluminum_conductors')?.score).toBe(80);
    expect(factor(equipment({ conductor_material: 'aluminum' }), 'aluminum_conductors')?.score).toBe(60);
  });

  it('loading: above 90% scores 85, 75–90% scores 55', () => {
    expect(factor(equipment({ loading_percent: 95 }), 'loading')?.score).toBe(85);
    expect(factor(equipment({ loading_percent: 80 }), 'loading')?.score).toBe(55);
  });

  it('combines factors by weighted noisy-OR scaled by criticality', () => {
    const fs: ScoredFactor[] = [
      { factor: 'heat', score: 90, description: '' },
      { factor: 'age', score: 30, description: '' },
    ];
    // 1 − (1 − 0.8·0.9)(1 − 0.5·0.3) = 1 − 0.28·0.85 = 0.762 → × 1.0 (life safety) = 76.2; × 0.7 (low) = 53.3
    expect(combineFactors(fs, 'life_safety')).toBeCloseTo(76.2, 1);
    expect(combineFactors(fs, 'low')).toBeCloseTo(53.3, 1);
  });

  it('never lowers risk when one input worsens (older, hotter, more loaded, aluminium, corroded)', () => {
    const base = equipment({ install_date: '2000-01-01', loading_percent: 50 });
    const s0 = scoreEquipment(base, facility, asOf).risk_score;
    const worse: Partial<Equipment>[] = [
      { install_date: '1980-01-01' },
      { loading_percent: 95 },
      { conductor_material: 'aluminum', al_cu_transitions: true },
      { observations: [{ id: 'o', kind: 'rust', severity: 'severe', observed_at: '2026-01-01', notes: null }] },
      { criticality: 'life_safety' },
      { maintenance_records: [] },
    ];
    for (const w of worse) expect(scoreEquipment({ ...base, ...w }, facility, asOf).risk_score).toBeGreaterThanOrEqual(s0);
  });

  it('keeps every score of a generated portfolio within 0–100 and explains each factor', () => {
    const shape = { ...defaultShape, facilityCount: 5 };
    for (let f = 0; f < 5; f++) {
      const fac = generateFacility(f, shape);
      for (let j = 0; j < equipmentCountOf(f, shape); j++) {
        const r = scoreEquipment(generateEquipment(f, j, shape), fac, asOf);
        expect(r.risk_score).toBeGreaterThanOrEqual(0);
        expect(r.risk_score).toBeLessThanOrEqual(100);
        expect(r.risk_rating).toBe(riskLevelFor(r.risk_score));
        for (const x of r.risk_factors) expect(x.description.length).toBeGreaterThan(10);
      }
    }
  });
});

describe('facility aggregation', () => {
  it('should count every equipment in exactly one risk level and weight the worst tenth', () => {
    const shape = { ...defaultShape, facilityCount: 2 };
    const fac = generateFacility(0, shape);
    const acc = new FacilityRiskAccumulator(fac);
    const scores: number[] = [];
    const n = equipmentCountOf(0, shape);
    for (let j = 0; j < n; j++) {
      const e = generateEquipment(0, j, shape);
      const { risk, factors } = scoreEquipmentWithFactors(e, fac, asOf);
      scores.push(risk.risk_score);
      acc.add(e, risk, factors);
    }
    const out = acc.finish(asOf.toISOString());
    const s = out.risk_summary;
    expect(s.low_risk_equipment_count + s.medium_risk_equipment_count + s.high_risk_equipment_count + s.critical_risk_equipment_count).toBe(n);
    const sorted = [...scores].sort((a, b) => b - a);
    const k = Math.ceil(n * 0.1);
    const expected = 0.5 * (scores.reduce((a, b) => a + b, 0) / n) + 0.5 * (sorted.slice(0, k).reduce((a, b) => a + b, 0) / k);
    expect(s.risk_score).toBeCloseTo(expected, 0);
    expect(out.high_risk_items.every((i) => i.risk_level === 'High' || i.risk_level === 'Critical')).toBe(true);
    for (const c of out.risk_categories) expect(c.percentage_of_facility).toBeCloseTo((c.affected_equipment_count / n) * 100, 0);
    for (const a of out.risk_recommendation.priority_actions) expect(a.risk_reduction).toBeGreaterThan(0);
  });

  it('should give the identical result when the same snapshot is scored twice', () => {
    const shape = { ...defaultShape, facilityCount: 1 };
    const run = () => {
      const fac = generateFacility(0, shape);
      const acc = new FacilityRiskAccumulator(fac);
      for (let j = 0; j < equipmentCountOf(0, shape); j++) {
        const e = generateEquipment(0, j, shape);
        const { risk, factors } = scoreEquipmentWithFactors(e, fac, asOf);
        acc.add(e, risk, factors);
      }
      return acc.finish(asOf.toISOString());
    };
    expect(run()).toEqual(run());
  });
});
