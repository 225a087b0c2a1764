/**
 * Records the golden input set the model fingerprint is computed over (test/fixtures/model/golden-inputs.json):
 * three simulated facilities with all their equipment, frozen, so that a change to the simulator never looks like
 * a change to the model. Re-record only when the Condoit contract changes: `npx tsx test/tools/record-model-golden-inputs.ts`.
 */
import { writeFileSync } from 'node:fs';
import { defaultShape, generateEquipment, generateFacility } from '../../condoit/simulator/generator.js';

const shape = { ...defaultShape, facilityCount: 3 };
const facilities = Array.from({ length: shape.facilityCount }, (_, i) => {
  const facility = generateFacility(i, shape);
  return { facility, equipment: Array.from({ length: facility.equipment_count }, (_, j) => generateEquipment(i, j, shape)) };
});
const path = new URL('../fixtures/model/golden-inputs.json', import.meta.url);
writeFileSync(path, JSON.stringify({ asOf: `${shape.referenceDate}T00:00:00.000Z`, facilities }) + '\n');
console.log(`recorded ${facilities.reduce((n, f) => n + f.equipment.length, 0)} equipment in ${facilities.length} facilities`);
