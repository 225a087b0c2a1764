/**
 * How the risk model rates a simulated portfolio: facility risk levels and compliance statuses, equipment risk
 * levels, and the most frequent primary risk factors. Pure domain code over the deterministic simulator, no
 * services: run it before and after a model change to report what the change does to a portfolio.
 *
 *   npx tsx scripts/model-distribution.ts                       # 1,000 facilities × 20–60 equipment, seed 42
 *   npx tsx scripts/model-distribution.ts --facilities 200 --seed 7
 */
import { defaultShape, generateEquipment, generateFacility, type PortfolioShape } from '../condoit/simulator/generator.js';
import { assessEquipment } from '../domain/equipment-assessment.js';
import { FacilityAccumulator } from '../domain/facility-assessment.js';
import { MODEL_VERSION } from '../domain/model-version.js';

function arg(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  return i > 0 ? Number(process.argv[i + 1]) : fallback;
}

const shape: PortfolioShape = { ...defaultShape, facilityCount: arg('facilities', 1000), seed: arg('seed', defaultShape.seed) };
const asOf = Date.parse(`${shape.referenceDate}T00:00:00Z`);
const at = new Date(asOf).toISOString();
const levels = ['Low', 'Medium', 'High', 'Critical'] as const;
const facilities: Record<string, number> = { Low: 0, Medium: 0, High: 0, Critical: 0 };
const equipment: Record<string, number> = { Low: 0, Medium: 0, High: 0, Critical: 0 };
const compliance: Record<string, number> = {};
const primary: Record<string, number> = {};
let equipmentTotal = 0;

for (let i = 0; i < shape.facilityCount; i++) {
  const facility = generateFacility(i, shape);
  const acc = new FacilityAccumulator(facility, asOf, at);
  for (let j = 0; j < facility.equipment_count; j++) {
    const a = assessEquipment(generateEquipment(i, j, shape), facility, asOf);
    acc.add(a);
    equipment[a.riskRating]! += 1;
    equipmentTotal += 1;
    if (a.riskRating === 'High' || a.riskRating === 'Critical')
      primary[a.primaryRiskFactor ?? 'none'] = (primary[a.primaryRiskFactor ?? 'none'] ?? 0) + 1;
  }
  const out = acc.finish();
  facilities[out.risks.risk_summary.risk_level]! += 1;
  compliance[out.listItem.compliance_status] = (compliance[out.listItem.compliance_status] ?? 0) + 1;
}

const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(1)} %`;
console.log(
  `model ${MODEL_VERSION}: ${shape.facilityCount} facilities, ${equipmentTotal} equipment (seed ${shape.seed}, as of ${shape.referenceDate})`,
);
console.log(`facilities: ${levels.map((l) => `${l} ${pct(facilities[l]!, shape.facilityCount)}`).join(', ')}`);
console.log(
  `compliance: ${Object.entries(compliance)
    .map(([k, v]) => `${k} ${pct(v, shape.facilityCount)}`)
    .join(', ')}`,
);
console.log(`equipment:  ${levels.map((l) => `${l} ${pct(equipment[l]!, equipmentTotal)}`).join(', ')}`);
console.log(
  `primary factor of High/Critical equipment: ${Object.entries(primary)
    .sort((a, b) => b[1] - a[1])
    .slice(0, 8)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ')}`,
);
