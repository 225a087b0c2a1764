/**
 * The compose rehearsal: docker/compose.yaml's MasterBus services started as compose would start them, without
 * Docker (none runs on these machines). The env files are written the way docker/README.md tells a user to
 * (`bash docker/init-env.sh`); each service gets its image's ENV, then its env_files, then its environment;
 * compose's hostnames and container ports are mapped to the test stack's real Temporal and MongoDB wire protocol,
 * a Redis started with compose's own `command`, and free loopback ports; each service runs its image's own CMD
 * (from source: `dist/x.js` → `x.ts`). Then ThreatMap's first flow runs through them.
 *
 * What this cannot cover: the images themselves (building, the runtime layer, the `node` user), the health
 * checks, compose's networking and the MongoDB 7 / Temporal images — see docker/README.md.
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { MongoClient } from 'mongodb';
import { freePort, spawnProcess, type AppProcess } from '../../devstack/app-process.js';
import { mintToken } from '../../contract/mint-token.js';
import { readCompose, serviceEnvironment, type ImageTarget } from '../support/compose-services.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const dockerDir = join(root, 'docker');
const compose = readCompose(join(dockerDir, 'compose.yaml'));
const dockerfile = readFileSync(join(dockerDir, 'Dockerfile'), 'utf8');
const stack = inject('stack');

const work = mkdtempSync(join(tmpdir(), 'masterbus-compose-'));
const envDir = join(work, 'env');
const processes: AppProcess[] = [];
let redis: ChildProcess | null = null;
let apiUrl = '';
/** The environment each MasterBus process was started with (compose's, mapped to this host). */
const started: Record<string, Record<string, string>> = {};
const envOf: Record<string, ImageTarget> = {};

/** host:port of a loopback URL or address. */
const hostPort = (url: string) => url.replace(/^[a-z]+:\/\//, '').replace(/\/.*$/, '');

/** `dist/api/main.js` (the image's CMD) → `api/main.ts` (the same entry point, from source). */
function sourceEntry(cmd: string[]): string {
  const [bin, script] = cmd;
  if (bin !== 'node' || !script || !/^dist\/.+\.js$/.test(script)) throw new Error(`unexpected CMD ${JSON.stringify(cmd)}`);
  return script.replace(/^dist\//, '').replace(/\.js$/, '.ts');
}

beforeAll(async () => {
  // 1. The env files, as the README says: `bash docker/init-env.sh` (here into a folder of the test's own).
  execFileSync('bash', [join(dockerDir, 'init-env.sh'), envDir], { stdio: 'pipe' });
  // compose.yaml reads its env files from its own folder: resolve them from where init-env.sh wrote them.
  for (const name of ['redis', 'condoit-simulator', 'worker', 'api']) envOf[name] = serviceEnvironment(compose, name, envDir, dockerfile);

  // 2. Compose's network: each service's hostname and container port → a loopback address of ours.
  const redisPort = await freePort();
  const simPort = await freePort();
  const apiPort = await freePort();
  const hosts: Record<string, string> = {
    'mongodb:27017': hostPort(stack.mongodb),
    'redis:6379': `127.0.0.1:${redisPort}`,
    'temporal:7233': hostPort(stack.temporal),
    'condoit-simulator:4010': `127.0.0.1:${simPort}`,
  };
  const mapHosts = (env: Record<string, string>) =>
    Object.fromEntries(
      Object.entries(env).map(([k, v]) => [
        k,
        Object.entries(hosts).reduce((s, [from, to]) => s.replace(new RegExp(`(^|//|@)${from}`, 'g'), `$1${to}`), v),
      ]),
    );
  // Container ports → free host ports (each container has its own; here they share one host).
  const ports = async (env: Record<string, string>, extra: Record<string, string>) => ({
    ...mapHosts(env),
    API_METRICS_PORT: String(await freePort()),
    WORKER_METRICS_PORT: String(await freePort()),
    TEMPORAL_SDK_METRICS_PORT: String(await freePort()),
    ...extra,
  });

  // The database compose's MongoDB would hold: empty at first start.
  const mongo = await MongoClient.connect(stack.mongodb);
  await mongo.db(envOf['api']!.env['MONGODB_DB'] ?? 'masterbus').dropDatabase();
  await mongo.close();

  // 3. Redis with compose's own command and its env file (the ACL user; the default user off).
  const r = compose.services['redis']!;
  const script = Array.isArray(r.command) ? r.command[r.command.length - 1]! : String(r.command);
  const shell = script
    .replace(/\$\$/g, '$')
    .replace('exec redis-server', `exec redis-server --port ${redisPort} --bind 127.0.0.1 --dir ${work}`);
  redis = spawn('sh', ['-c', shell], { env: { PATH: process.env.PATH ?? '', ...envOf['redis']!.env }, stdio: 'ignore' });

  // 4. The image build's workflow bundle (`npm run build` writes dist/workflow-bundle.js): WORKFLOW_BUNDLE_PATH names it.
  const bundle = join(work, 'workflow-bundle.js');
  execFileSync(process.execPath, ['--import', 'tsx', join(root, 'scripts/bundle-workflows.ts'), bundle], { cwd: root, stdio: 'pipe' });
  const image = (env: Record<string, string>) =>
    env['WORKFLOW_BUNDLE_PATH'] === '/app/dist/workflow-bundle.js' ? { ...env, WORKFLOW_BUNDLE_PATH: bundle } : env;

  // 5. Each service's own command, with exactly its resolved environment.
  const logs = (name: string) => ({ logFile: join(work, 'logs', `${name}.log`) });
  const sim = envOf['condoit-simulator']!;
  processes.push(
    await spawnProcess(
      { name: 'condoit-simulator', script: sourceEntry(sim.cmd), ready: /listening on/ },
      await ports(sim.env, { SIM_PORT: String(simPort) }),
      logs('sim'),
    ),
  );
  const spillDir = join(work, 'audit-spill');
  started['worker'] = image(await ports(envOf['worker']!.env, {}));
  started['api'] = image(await ports(envOf['api']!.env, { API_PORT: String(apiPort), AUDIT_SPILL_DIR: spillDir }));
  const [worker, api] = await Promise.all([
    spawnProcess({ name: 'worker', script: sourceEntry(envOf['worker']!.cmd), ready: /polling \S+ on / }, started['worker'], {
      ...logs('worker'),
      readyTimeoutMs: 120_000,
    }),
    spawnProcess({ name: 'api', script: sourceEntry(envOf['api']!.cmd), ready: /listening on http/ }, started['api'], {
      ...logs('api'),
      readyTimeoutMs: 120_000,
    }),
  ]);
  processes.push(worker, api);
  apiUrl = `http://127.0.0.1:${apiPort}`;
}, 240_000);

afterAll(async () => {
  await Promise.all(processes.reverse().map((p) => p.stop()));
  redis?.kill('SIGTERM');
  rmSync(work, { recursive: true, force: true });
});

describe('docker/compose.yaml, rehearsed without Docker', () => {
  it('should give the API and the worker production with every service named and no published placeholder', () => {
    for (const name of ['api', 'worker']) {
      const env = envOf[name]!.env;
      expect(env['MASTERBUS_PROFILE'], name).toBe('production');
      for (const k of ['MONGODB_URL', 'REDIS_URL', 'TEMPORAL_ADDRESS', 'CONDOIT_URL', 'JWT_SECRET', 'PAYLOAD_KEYS', 'REDIS_PASSWORD'])
        expect(env[k], `${name}: ${k}`).toBeTruthy();
      expect(env['CONDOIT_URL'], `${name} reaches the bundled simulator by its compose hostname`).toBe('http://condoit-simulator:4010');
    }
    expect(envOf['api']!.env['JWT_SECRET']).toBe(envOf['worker']!.env['JWT_SECRET']);
  });

  it("should pass the worker image's own HEALTHCHECK while the worker polls, and fail it once the worker is gone", async () => {
    const check = envOf['worker']!.healthcheck;
    expect(check, 'the worker target has a HEALTHCHECK').toBeTruthy();
    const run = (env: Record<string, string>) =>
      new Promise<number | null>((resolve) =>
        spawn('sh', ['-c', check!], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'ignore' }).on('exit', resolve),
      );
    expect(await run(started['worker']!)).toBe(0);
    // Nothing listening where the probe looks: unhealthy (the old check exited 0 whatever the worker did).
    expect(await run({ ...started['worker']!, WORKER_METRICS_PORT: String(await freePort()) })).not.toBe(0);
  });

  it("should run ThreatMap's first flow: assess a facility, poll it to completion, list it, read its risks and a photo", async () => {
    const env = envOf['api']!.env;
    const jwt = { secret: env['JWT_SECRET']!, issuer: env['JWT_ISSUER']!, audience: env['JWT_AUDIENCE']! };
    const token = await mintToken(jwt, { sub: 'threatmap', role: 'assessor', facilities: ['*'] });
    const call = (path: string, init: RequestInit = {}) =>
      fetch(`${apiUrl}${path}`, { ...init, headers: { authorization: `Bearer ${token}`, ...(init.headers ?? {}) } });

    expect((await call('/readyz')).status).toBe(200);
    const started = await call('/v1/facilities/fac-00001/assessments', { method: 'POST' });
    expect(started.status, await started.clone().text()).toBe(202);
    const { assessment_id } = (await started.json()) as { assessment_id: string };
    let status = '';
    const deadline = Date.now() + 90_000;
    while (Date.now() < deadline) {
      const a = (await (await call(`/v1/assessments/${assessment_id}`)).json()) as { status: string; error: unknown };
      status = a.status;
      if (status === 'completed' || status === 'failed') break;
      await new Promise((r) => setTimeout(r, 250));
    }
    expect(status).toBe('completed');
    const list = (await (await call('/v1/facilities')).json()) as { total: number; facilities: { id: string }[] };
    expect(list.facilities.map((f) => f.id)).toContain('fac-00001');
    const risks = await call('/v1/facilities/fac-00001/risks');
    expect(risks.status).toBe(200);
    const equipment = (await (await call('/v1/facilities/fac-00001/equipment?limit=100')).json()) as { equipment: { id: string }[] };
    // The API proxies photos from CONDOIT_URL: the simulator, through the compose hostname the env file names.
    let photo: string | undefined;
    for (const e of equipment.equipment) {
      const d = (await (await call(`/v1/equipment/${e.id}`)).json()) as { photos?: { url: string }[] };
      photo = d.photos?.[0]?.url;
      if (photo) break;
    }
    expect(photo, 'some equipment has a photo').toBeTruthy();
    const bytes = await call(photo!.replace(/^https?:\/\/[^/]+/, ''));
    expect(bytes.status).toBe(200);
    expect(bytes.headers.get('content-type')).toMatch(/^image\//);
  }, 120_000);
});
