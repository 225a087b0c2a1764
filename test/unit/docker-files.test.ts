import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { zEnv } from '../../config/env.js';

// No Docker engine runs on these machines: the deployment files are checked statically against the code.
const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (p: string) => readFileSync(`${root}${p}`, 'utf8');
const compose = parse(read('docker/compose.yaml'), { merge: true }) as { services: Record<string, Record<string, unknown>> };
const dockerfile = read('docker/Dockerfile');
const envKeys = new Set(Object.keys(zEnv.shape));
const ours = ['api', 'worker'];

describe('docker/compose.yaml', () => {
  it('should run MongoDB 7, Temporal with its UI, Redis, the API, a worker and the simulator', () => {
    const s = compose.services;
    expect(s['mongodb']?.['image']).toBe('mongo:7');
    // The same Temporal Server as development and the tests (scripts/install-tools.sh pins it), not the deprecated auto-setup.
    const devServer = /Temporal Server (\d+\.\d+\.\d+)/.exec(read('scripts/install-tools.sh'))?.[1];
    expect(devServer).toBeTruthy();
    expect(s['temporal']?.['image']).toBe(`temporalio/server:${devServer}`);
    for (const job of ['temporal-schema', 'temporal-namespace']) expect(s[job]?.['image'], job).toBe(`temporalio/admin-tools:${devServer}`);
    expect(String(s['temporal-ui']?.['image'])).toMatch(/^temporalio\/ui:/);
    expect(String(s['redis']?.['image'])).toMatch(/^redis:7/);
    for (const name of [...ours, 'condoit-simulator']) expect(s[name]?.['build']).toBeTruthy();
  });

  it('should give every service an image or a build target that the Dockerfile defines, and a health check', () => {
    // One-shot jobs (restart "no") are waited for by completion; the Temporal server by the namespace job, which
    // completes only once the server answers SERVING.
    const waitedForByJob = new Set(['temporal']);
    for (const [name, svc] of Object.entries(compose.services)) {
      const build = svc['build'] as { target?: string } | undefined;
      expect(svc['image'] ?? build, name).toBeTruthy();
      if (build?.target) expect(dockerfile, name).toContain(`AS ${build.target}`);
      if (svc['restart'] === 'no' || waitedForByJob.has(name)) continue;
      const hasOwnCheck = svc['healthcheck'] !== undefined;
      const imageCheck = build?.target ? new RegExp(`FROM runtime AS ${build.target}[\\s\\S]*?HEALTHCHECK`).test(dockerfile) : false;
      expect(hasOwnCheck || imageCheck, `${name} has no health check`).toBe(true);
    }
    // Whatever waits for a one-shot job waits for its successful completion.
    for (const [name, svc] of Object.entries(compose.services))
      for (const [dep, cond] of Object.entries((svc['depends_on'] ?? {}) as Record<string, { condition?: string }>))
        if (compose.services[dep]?.['restart'] === 'no') expect(cond.condition, `${name} → ${dep}`).toBe('service_completed_successfully');
  });

  it('should only pass MasterBus services environment variables that the code reads', () => {
    for (const name of ours) {
      const env = compose.services[name]?.['environment'] as Record<string, string>;
      for (const key of Object.keys(env)) expect(envKeys.has(key), `${name}: ${key}`).toBe(true);
      expect(env['MONGODB_URL']).toMatch(/^mongodb:\/\//);
      expect(env['TEMPORAL_ADDRESS']).toBe('temporal:7233');
    }
    for (const line of read('docker/masterbus.env.example').split('\n')) {
      const m = /^#?\s*([A-Z_]+)=/.exec(line);
      if (m) expect(envKeys.has(m[1]!), `masterbus.env.example: ${m[1]}`).toBe(true);
    }
  });

  it('should offer every TLS variable the code reads in masterbus.env.example (commented: off by default)', () => {
    const example = read('docker/masterbus.env.example');
    const tlsKeys = [...envKeys].filter((k) => /_TLS(_|$)/.test(k));
    expect(tlsKeys.length).toBeGreaterThanOrEqual(14);
    for (const key of tlsKeys) expect(example, key).toMatch(new RegExp(`^# ${key}=`, 'm'));
  });

  it('should require an ACL user of Redis, which the API and the worker log in as', () => {
    const redis = compose.services['redis']!;
    expect(JSON.stringify(redis['command'])).toContain('--user default off');
    expect(redis['env_file']).toBe('redis.env');
    for (const name of ours) expect(compose.services[name]?.['env_file'], name).toEqual(['masterbus.env', 'redis.env']);
    const example = read('docker/redis.env.example');
    for (const key of ['REDIS_USERNAME', 'REDIS_PASSWORD']) {
      expect(envKeys.has(key)).toBe(true);
      expect(example).toMatch(new RegExp(`^${key}=`, 'm'));
    }
  });

  it('should name every plain connection of the bundled stack in TLS_WAIVED, as production requires', () => {
    for (const name of ours) {
      const env = compose.services[name]?.['environment'] as Record<string, string>;
      const waived = zEnv.shape.TLS_WAIVED.parse(env['TLS_WAIVED']);
      expect(waived.sort(), name).toEqual(['api', 'mongodb', 'redis', 'temporal']);
      expect(env['REDIS_URL'], 'plain redis:// is one of them').toMatch(/^redis:\/\//);
    }
  });

  it('should keep secrets out of the compose file', () => {
    expect(read('docker/compose.yaml')).not.toMatch(/JWT_SECRET\s*[:=]|POSTGRES_PASSWORD\s*[:=]|REDIS_PASSWORD\s*[:=]/);
  });
});

describe('docker/Dockerfile', () => {
  it('should start each target from a compiled entry point that exists in the source', () => {
    const cmds = [...dockerfile.matchAll(/CMD \["node", "dist\/([^"]+)\.js"\]/g)].map((m) => m[1]!);
    expect(cmds).toEqual(['api/main', 'workers/main', 'condoit/simulator/main']);
    for (const c of cmds) expect(existsSync(`${root}${c}.ts`), c).toBe(true);
  });

  it('should run as an unprivileged user', () => {
    expect(dockerfile).toMatch(/^USER node$/m);
  });
});

describe('the runtime', () => {
  it("should run the tests on the production images' Node.js major (an LTS one), which package.json's engines admits", () => {
    const majors = [...dockerfile.matchAll(/^FROM node:(\d+)-/gm)].map((m) => Number(m[1]));
    expect(majors.length).toBeGreaterThanOrEqual(2);
    expect(new Set(majors).size).toBe(1);
    const major = majors[0]!;
    expect(major % 2, 'even majors are the LTS lines').toBe(0);
    expect(Number(process.versions.node.split('.')[0])).toBe(major);
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    expect(Number(/>=\s*(\d+)/.exec(engines)?.[1])).toBeGreaterThanOrEqual(22);
  });
});

describe('the Temporal UI in compose', () => {
  it("should listen on loopback only, with write actions off, decoding through the API's codec endpoint from an origin the API admits", () => {
    const ui = compose.services['temporal-ui']!;
    const env = ui['environment'] as Record<string, string>;
    expect(ui['ports']).toEqual(['127.0.0.1:8233:8080']);
    expect(env['TEMPORAL_DISABLE_WRITE_ACTIONS']).toBe('true');
    expect(env['TEMPORAL_CODEC_ENDPOINT']).toMatch(/^http:\/\/localhost:8080\/codec$/);
    const api = compose.services['api']!;
    expect(api['ports']).toEqual(expect.arrayContaining([expect.stringMatching(/^8080(-\d+)?:8080$/)]));
    expect((api['environment'] as Record<string, string>)['CODEC_CORS_ORIGIN']).toBe(env['TEMPORAL_CORS_ORIGINS']);
  });
});
