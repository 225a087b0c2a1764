/**
 * Starts the Condoit simulator: `npm run sim` (or devstack). Configured by environment:
 * SIM_PORT (4010), SIM_HOST, SIM_SEED (42), SIM_FACILITIES (25), SIM_EQUIPMENT_MIN/MAX (20/60), SIM_TOKEN,
 * SIM_LATENCY_MS, SIM_ERROR_RATE, SIM_RATE_LIMIT_RATE, SIM_MALFORMED_RATE.
 */
import { z } from 'zod';
import { formatZodIssues } from '../../config/format-zod-issues.js';
import { defaultShape } from './generator.js';
import { startSimulator } from './start-simulator.js';

const zSimEnv = z.object({
  SIM_HOST: z.string().default('127.0.0.1'),
  SIM_PORT: z.coerce.number().int().min(0).max(65535).default(4010),
  SIM_SEED: z.coerce.number().int().default(defaultShape.seed),
  SIM_FACILITIES: z.coerce.number().int().min(1).max(1_000_000).default(defaultShape.facilityCount),
  SIM_EQUIPMENT_MIN: z.coerce.number().int().min(0).default(defaultShape.equipmentMin),
  SIM_EQUIPMENT_MAX: z.coerce.number().int().min(0).default(defaultShape.equipmentMax),
  SIM_TOKEN: z.string().optional(),
  SIM_LATENCY_MS: z.coerce.number().int().min(0).default(0),
  SIM_ERROR_RATE: z.coerce.number().min(0).max(1).default(0),
  SIM_RATE_LIMIT_RATE: z.coerce.number().min(0).max(1).default(0),
  SIM_MALFORMED_RATE: z.coerce.number().min(0).max(1).default(0),
});

const parsed = zSimEnv.safeParse(process.env);
if (!parsed.success) {
  console.error(`condoit-simulator: invalid environment: ${formatZodIssues(parsed.error)}`);
  process.exit(2);
}
const env = parsed.data;
const server = await startSimulator({
  host: env.SIM_HOST,
  port: env.SIM_PORT,
  shape: {
    seed: env.SIM_SEED,
    facilityCount: env.SIM_FACILITIES,
    equipmentMin: env.SIM_EQUIPMENT_MIN,
    equipmentMax: env.SIM_EQUIPMENT_MAX,
  },
  token: env.SIM_TOKEN,
  knobs: {
    latencyMs: env.SIM_LATENCY_MS,
    errorRate: env.SIM_ERROR_RATE,
    rateLimitRate: env.SIM_RATE_LIMIT_RATE,
    malformedRate: env.SIM_MALFORMED_RATE,
  },
});
console.log(`condoit-simulator: listening on ${server.url} (seed ${env.SIM_SEED}, ${env.SIM_FACILITIES} facilities)`);
const stop = () => {
  void server.close().then(() => process.exit(0));
};
process.once('SIGINT', stop);
process.once('SIGTERM', stop);
