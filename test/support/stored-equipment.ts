/**
 * How many equipment details an assessment has stored, and how many distinct equipment they name: "whole" means
 * both equal the facility's equipment count (nothing lost, nothing doubled). Details live in chunks of ~100
 * (results/equipment-details.ts); this reads the assessment's chunks directly (tests only: not by `_id`).
 */
import type { Collections } from '../../store/collections.js';

export async function storedEquipment(
  db: Collections,
  facilityId: string,
  assessmentId: string,
): Promise<{ items: number; distinct: number }> {
  const chunks = await db.equipmentResults.find({ facility_id: facilityId, assessment_id: assessmentId }).toArray();
  const ids = chunks.flatMap((c) => c.items.map((i) => i.equipment_id));
  return { items: ids.length, distinct: new Set(ids).size };
}
