/** A facility's records as they stood at an earlier instant: what a reconstructed trend month is scored from. */
import { describe, expect, it } from 'vitest';
import { assessEquipment } from '../../domain/equipment-assessment.js';
import { previousMonthEnds } from '../../domain/month-ends.js';
import { equipmentAsOf } from '../../domain/records-as-of.js';
import { arcFlash, ASOF, equipment, facility, obs, rec } from '../support/equipment-builders.js';

const endOfJune = Date.parse('2026-06-30T23:59:59.999Z');
/** A factor's score (factors the model lists only when they count: absent is 0). */
const factor = (e: ReturnType<typeof equipment>, at: number, name: string) =>
  assessEquipment(e, facility, at).factors.find((f) => f.factor === name)?.score ?? 0;

describe('records as of an instant', () => {
  it('should leave out equipment installed after the instant and keep equipment installed that day or of unknown age', () => {
    expect(equipmentAsOf(equipment({ install_date: '2026-07-01' }), endOfJune)).toBeNull();
    expect(equipmentAsOf(equipment({ install_date: '2026-06-30' }), endOfJune)).not.toBeNull();
    expect(equipmentAsOf(equipment({ install_date: null }), endOfJune)).not.toBeNull();
  });

  it('should not count a failed test recorded after the instant', () => {
    const e = equipment({
      maintenance_records: [rec('electrical_testing', '2026-05-01'), rec('insulation_testing', '2026-08-15', 'fail')],
    });
    expect(factor(e, ASOF, 'failed_test')).toBeGreaterThan(0);
    const then = equipmentAsOf(e, endOfJune)!;
    expect(then.maintenance_records.map((r) => r.date)).toEqual(['2026-05-01']);
    expect(factor(then, endOfJune, 'failed_test')).toBe(0);
  });

  it('should treat an arc-flash study dated after the instant, and the label it produced, as not yet existing', () => {
    const e = equipment({ arc_flash: arcFlash({ study_date: '2026-09-01' }) });
    const then = equipmentAsOf(e, endOfJune)!;
    expect(then.arc_flash).toEqual({ study_date: null, label_present: false, label: null, last_modification_date: null });
    expect(factor(then, endOfJune, 'arc_flash_study')).toBeGreaterThan(factor(equipmentAsOf(e, ASOF)!, ASOF, 'arc_flash_study'));
    // A study on record by then stands, with its label.
    expect(equipmentAsOf(equipment({ arc_flash: arcFlash({ study_date: '2025-01-01' }) }), endOfJune)!.arc_flash?.label_present).toBe(true);
  });

  it('should leave out observations and photos dated after the instant', () => {
    const e = equipment({
      observations: [obs('rust', 'moderate', '2026-03-01'), obs('moisture', 'severe', '2026-10-01')],
      photos: [
        { id: 'p1', caption: null, taken_at: '2026-03-01T10:00:00Z' },
        { id: 'p2', caption: null, taken_at: '2026-07-01T00:00:00Z' },
      ],
    });
    const then = equipmentAsOf(e, endOfJune)!;
    expect(then.observations.map((o) => o.kind)).toEqual(['rust']);
    expect(then.photos.map((p) => p.id)).toEqual(['p1']);
  });

  it('should give the last instant of each of the previous months, oldest first, across a year end', () => {
    expect(previousMonthEnds(Date.parse('2026-02-10T08:00:00Z'), 3).map((t) => new Date(t).toISOString())).toEqual([
      '2025-11-30T23:59:59.999Z',
      '2025-12-31T23:59:59.999Z',
      '2026-01-31T23:59:59.999Z',
    ]);
  });
});
