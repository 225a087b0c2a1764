export {};
import { startFaultSystem } from '../test/reliability/support/fault-system.js';
import { facilityId } from '../condoit/simulator/generator.js';
const sys = await startFaultSystem({ shape: { facilityCount: 5, equipmentMin: 10, equipmentMax: 40 } });
await Promise.all([sys.start('worker'), sys.start('api')]);
const ids = await Promise.all([0,1,2,3,4].map(async (i) => ((await (await sys.api(`/v1/facilities/${facilityId(i)}/assessments`, { method: 'POST' })).json()) as any).assessment_id));
let t = Date.now();
for (const id of ids) await sys.waitForAssessment(id);
console.log('5 assessments', Date.now() - t, 'ms');
for (const path of ['/v1/facilities/fac-00001/risks', '/v1/facilities?limit=10', '/v1/assessments?limit=10', '/v1/portfolio/summary', '/v1/facilities/fac-00001/equipment?limit=20', '/v1/facilities/fac-00001']) {
  const lat: number[] = [];
  for (let i = 0; i < 30; i++) { const s = performance.now(); const r = await sys.api(path); await r.arrayBuffer(); lat.push(performance.now() - s); if (r.status !== 200) console.log(path, r.status); }
  lat.sort((a, b) => a - b);
  console.log(path, 'p50', lat[15].toFixed(1), 'p90', lat[27].toFixed(1), 'max', lat[29].toFixed(1));
}
await sys.close();
process.exit(0);
