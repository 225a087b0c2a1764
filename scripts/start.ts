/**
 * Runs MasterBus locally on its embedded defaults: Temporal (with Web UI), FerretDB and Redis from devstack, the
 * Condoit simulator, one worker and the API, each as a child process with its output prefixed. Prints where
 * everything is and a development token. Ctrl-C (or SIGTERM) stops everything it started.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { devSigningSettings } from '../config/development-signing.js';
import { mintToken } from '../contract/mint-token.js';
import { parseEnv } from '../config/env.js';
import { portsFor } from '../config/local-ports.js';
import { loadTemporalConfig } from '../config/temporal-config.js';
import { waitUntil } from '../devstack/managed-process.js';
import { projectRoot } from '../devstack/paths.js';
import { startStack } from '../devstack/stack.js';
import { assessPortfolioOnFirstRun, type FirstRunOutcome } from '../devstack/first-run.js';

const env = parseEnv({ ...process.env, MASTERBUS_PROFILE: 'development' });
const temporal = loadTemporalConfig(env.TEMPORAL_CONFIG, { address: env.TEMPORAL_ADDRESS, namespace: env.TEMPORAL_NAMESPACE });
const say = (line: string) => console.log(`[masterbus] ${line}`);

const stack = await startStack({
  env,
  temporal,
  ui: true,
  fresh: false,
  log: say,
  codecEndpoint: `http://${env.API_HOST}:${env.API_PORT}/codec`,
});
const children: ChildProcess[] = [];
const tsx = join(projectRoot, 'node_modules', '.bin', 'tsx');

function run(name: string, script: string, extraEnv: Record<string, string> = {}): ChildProcess {
  const child = spawn(tsx, [script], {
    cwd: projectRoot,
    env: { ...process.env, MASTERBUS_PROFILE: 'development', ...extraEnv },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const prefix = (chunk: Buffer) =>
    chunk
      .toString()
      .split('\n')
      .filter(Boolean)
      .map((l) => `[${name}] ${l.replace(/^\[\w+\] /, '')}`)
      .join('\n');
  child.stdout?.on('data', (d: Buffer) => {
    if (name === 'worker' && d.toString().includes('polling')) workerPolling();
    console.log(prefix(d));
  });
  child.stderr?.on('data', (d: Buffer) => console.error(prefix(d)));
  child.once('exit', (code, signal) => {
    if (!stopping) {
      say(`${name} exited (${signal ?? code}); stopping everything`);
      void shutdown(1);
    }
  });
  children.push(child);
  return child;
}

let stopping = false;
let workerPolling: () => void = () => {};
const workerReady = new Promise<void>((resolve) => (workerPolling = resolve));
async function shutdown(code: number): Promise<void> {
  if (stopping) return;
  stopping = true;
  say('stopping…');
  await Promise.all(
    children.map(
      (c) =>
        new Promise<void>((resolve) => {
          if (c.exitCode !== null || c.signalCode !== null) return resolve();
          c.once('exit', () => resolve());
          c.kill('SIGTERM');
          setTimeout(() => c.kill('SIGKILL'), 15_000).unref();
        }),
    ),
  );
  await stack.stop();
  say('stopped');
  process.exit(code);
}
process.once('SIGINT', () => void shutdown(0));
process.once('SIGTERM', () => void shutdown(0));

const ports = portsFor('development', env);
if (!env.CONDOIT_URL) run('condoit-sim', 'condoit/simulator/main.ts', { SIM_PORT: String(ports.condoit) });
run('worker', 'workers/main.ts');
// The local Temporal UI sends no token: in development it may use the codec endpoint anonymously.
run('api', 'api/main.ts', { CODEC_ALLOW_ANONYMOUS: 'true', CODEC_CORS_ORIGIN: `http://127.0.0.1:${ports.temporalUi}` });

const apiUrl = `http://${env.API_HOST}:${env.API_PORT}`;
await waitUntil('API', async () => (await fetch(`${apiUrl}/healthz`)).ok, { timeoutMs: 120_000 });
// The worker bundles its workflows at start: announce readiness once it polls.
await workerReady;
const token = await mintToken(devSigningSettings(env), { sub: 'dev-user', role: 'admin', facilities: ['*'], ttlSeconds: 8 * 3600 });
// An empty store lists nothing: the first start assesses the whole portfolio once, as the nightly schedule would.
const firstRun = await assessPortfolioOnFirstRun(apiUrl, token).catch((err: unknown) => {
  say(`first-run portfolio assessment not started: ${(err as Error).message}`);
  return { started: false } as FirstRunOutcome;
});
if (firstRun.started)
  say(`nothing assessed yet: started portfolio assessment ${firstRun.assessmentId} (Temporal UI: workflow ${firstRun.workflowId})`);
console.log(`
MasterBus is running.
  API            ${apiUrl}            (OpenAPI: ${apiUrl}/v1/openapi.json, readiness: ${apiUrl}/readyz)
  Temporal UI    ${stack.temporalUiUrl ?? `(external Temporal at ${stack.urls.temporal})`}
  Condoit        ${env.CONDOIT_URL ?? `simulator at http://127.0.0.1:${ports.condoit}`}
  MongoDB        ${stack.urls.mongodb}
  Redis          ${stack.urls.redis}

Development token (admin, all facilities, 8 h):
  export TOKEN=${token}

Try:
  curl -si -X POST -H "Authorization: Bearer $TOKEN" ${apiUrl}/v1/facilities/fac-00001/assessments
  curl -s -H "Authorization: Bearer $TOKEN" ${apiUrl}/v1/assessments/<assessment_id>
  curl -s -H "Authorization: Bearer $TOKEN" ${apiUrl}/v1/facilities/fac-00001/risks

Ctrl-C stops everything.
`);
