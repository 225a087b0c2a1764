import { serveApp, type RunningServer } from '../../http/serve-app.js';
import type { FaultKnobs } from './faults.js';
import { defaultShape, type PortfolioShape } from './generator.js';
import { createSimulator } from './server.js';

export interface SimulatorRunOptions {
  host: string;
  port: number;
  shape: Pick<PortfolioShape, 'seed' | 'facilityCount' | 'equipmentMin' | 'equipmentMax'>;
  token?: string | undefined;
  knobs?: Partial<FaultKnobs>;
}

/** Serves the Condoit simulator (`npm run sim` from the environment, `masterbus sim` from flags). */
export function startSimulator(o: SimulatorRunOptions): Promise<RunningServer> {
  const sim = createSimulator({
    shape: { ...defaultShape, ...o.shape, equipmentMax: Math.max(o.shape.equipmentMin, o.shape.equipmentMax) },
    token: o.token,
    knobs: o.knobs ?? {},
  });
  return serveApp(sim.app.fetch, { host: o.host, port: o.port });
}
