/**
 * Operators' control of the portfolio reassessment schedule: `npm run schedule -- apply|describe|pause|resume|trigger|backfill <start> <end>`.
 * Uses TEMPORAL_ADDRESS / TEMPORAL_NAMESPACE or temporal.config.yaml.
 */
import { Client, Connection } from '@temporalio/client';
import { parseEnv } from '../config/env.js';
import { serviceUrls } from '../config/service-urls.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { applyPortfolioSchedule } from '../temporal-admin/portfolio-schedule.js';
import { dataConverterFrom } from '../codec/payload-keys.js';

const [command = 'describe', ...rest] = process.argv.slice(2);
const env = parseEnv();
const cfg = loadTemporalConfig(env.TEMPORAL_CONFIG, { address: serviceUrls(env).temporal, namespace: env.TEMPORAL_NAMESPACE });
const connection = await Connection.connect({ address: cfg.address });
const client = new Client({ connection, namespace: cfg.namespace, dataConverter: dataConverterFrom(env) });
const handle = client.schedule.getHandle(cfg.portfolioSchedule.id);
try {
  switch (command) {
    case 'apply':
      console.log(`schedule ${cfg.portfolioSchedule.id} ${await applyPortfolioSchedule(client, cfg)}`);
      break;
    case 'pause':
      await handle.pause('paused from the command line');
      break;
    case 'resume':
      await handle.unpause('resumed from the command line');
      break;
    case 'trigger':
      await handle.trigger();
      break;
    case 'backfill': {
      const [start, end] = rest;
      if (!start || !end) throw new Error('usage: backfill <start ISO> <end ISO>');
      await handle.backfill({ start: new Date(start), end: new Date(end), overlap: 'ALLOW_ALL' });
      break;
    }
    case 'describe':
      break;
    default:
      throw new Error(`unknown command ${command}: apply | describe | pause | resume | trigger | backfill <start> <end>`);
  }
  const d = await handle.describe();
  console.log(JSON.stringify({ schedule: d.scheduleId, paused: d.state.paused, note: d.state.note, next: d.info.nextActionTimes.slice(0, 3), recent: d.info.recentActions.slice(-3).map((a) => a.scheduledAt) }, null, 2));
} catch (err) {
  console.error(`schedule ${command}: ${(err as Error).message}`);
  process.exitCode = 1;
} finally {
  await connection.close();
}
