import { startFaultSystem } from '../test/reliability/support/fault-system.js';
import { facilityId } from '../condoit/simulator/generator.js';
const sys = await startFaultSystem({ shape: { facilityCount: 20, equipmentMin: 10, equipmentMax: 40 } });
await Promise.all([sys.start('worker'), sys.start('api')]);
const ids = await Promise.all(Array.from({ length: 20 }, async (_, i) => ((await (await sys.api(`/v1/facilities/${facilityId(i)}/assessments`, { method: 'POST' })).json()) as any).assessment_id));
let t = Date.now();
for (const id of ids) await sys.waitForAssessment(id);
console.log('20 assessments', Date.now() - t, 'ms');
const tok = await sys.token('assessor');
for (const path of ['/v1/facilities/fac-00001/risks', '/v1/facilities/fac-00001/compliance', '/v1/facilities/fac-00001', '/v1/facilities?limit=10', '/v1/assessments?limit=10', '/v1/portfolio/summary', '/v1/facilities/fac-00001/equipment?limit=20']) {
  const lat: number[] = [];
  for (let i = 0; i < 20; i++) { const s = performance.now(); const r = await sys.api(path, { token: tok }); await r.arrayBuffer(); lat.push(performance.now() - s); if (r.status !== 200) console.log(path, r.status); }
  lat.sort((a, b) => a - b);
  console.log(path, 'p50', lat[10].toFixed(1), 'max', lat[19].toFixed(1));
}
await sys.close();
process.exit(0);
