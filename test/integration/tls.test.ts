/**
 * Encryption in transit, end to end on loopback with a certificate authority made for this run: the real API and
 * worker processes (api/main.ts, workers/main.ts), configured only through their TLS environment variables, serve
 * HTTPS and reach a TLS-only FerretDB, a TLS-only Redis and Temporal through a mutual-TLS terminating proxy, all
 * three of which require a client certificate. A facility assessment started and followed over HTTPS completes;
 * every server refuses a client that is not configured.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client, Connection } from '@temporalio/client';
import { NativeConnection } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it, inject } from 'vitest';
import { mintToken } from '../../contract/mint-token.js';
import { RedisRateLimiter } from '../../api/security/rate-limiter.js';
import { connectRedis } from '../../cache/redis.js';
import { defaultShape } from '../../condoit/simulator/generator.js';
import { createSimulator } from '../../condoit/simulator/server.js';
import { parseEnv } from '../../config/env.js';
import { loadTransportSecurity, type TransportSecurity } from '../../config/transport-security.js';
import type { ManagedProcess } from '../../devstack/managed-process.js';
import { projectRoot, tsxBin } from '../../devstack/paths.js';
import { ferretdbSpec, launchService, redisSpec } from '../../devstack/service-specs.js';
import { serveApp, type RunningServer } from '../../http/serve-app.js';
import { connectMongo } from '../../store/mongo.js';
import { testJwt } from '../support/harness.js';
import { request } from '../support/https-request.js';
import { startMtlsProxy, type MtlsProxy } from '../support/mtls-proxy.js';
import { sampleValue } from '../support/prometheus-text.js';
import { appEnv, writeTemporalConfig } from '../../devstack/app-env.js';
import { freePort, spawnApp, type AppProcess } from '../../devstack/app-process.js';
import { uniqueSuffix } from '../support/test-names.js';
import { createThrowawayCa, type IssuedFiles, type ThrowawayCa } from '../support/throwaway-ca.js';

const stack = inject('stack');
const suffix = uniqueSuffix();
const facility = 'fac-00001';
const temporalServerName = 'temporal.masterbus.test';
const scheduleId = `mbtest-tls-${suffix}`;

let ca: ThrowawayCa;
let stranger: ThrowawayCa;
let serverFiles: IssuedFiles;
let clientFiles: IssuedFiles;
let strangerFiles: IssuedFiles;
let dir: string;
let ferretdb: ManagedProcess;
let redis: ManagedProcess;
let proxy: MtlsProxy;
let sim: RunningServer;
let api: AppProcess;
let worker: AppProcess;
let env: Record<string, string>;
let tls: TransportSecurity;
let ports: { ferretdb: number; redis: number; api: number; apiMetrics: number };
let apiUrl: string;
const timings: Record<string, number> = {};

const pem = (path: string) => readFileSync(path);
/** Trusts our CA, presents no certificate: what a ThreatMap server talking to the API does. */
const trusting = () => ({ ca: pem(ca.cert) });
const withClientCert = () => ({ ca: pem(ca.cert), cert: pem(clientFiles.cert), key: pem(clientFiles.key) });
const timed = async <T>(name: string, work: () => Promise<T>): Promise<T> => {
  const started = performance.now();
  try {
    return await work();
  } finally {
    timings[name] = Math.round(performance.now() - started);
  }
};

beforeAll(async () => {
  await timed('certificates', async () => {
    ca = createThrowawayCa('MasterBus TLS test CA');
    stranger = createThrowawayCa('Someone else CA');
    serverFiles = ca.issue('server', { dnsNames: [temporalServerName] });
    clientFiles = ca.issue('masterbus-client');
    strangerFiles = stranger.issue('stranger');
  });
  dir = mkdtempSync(join(tmpdir(), 'mb-tls-'));
  ports = { ferretdb: await freePort(), redis: await freePort(), api: await freePort(), apiMetrics: await freePort() };
  const serverTls = { cert: serverFiles.cert, key: serverFiles.key, ca: ca.cert };
  [ferretdb, redis] = await timed('tls services ready', () =>
    Promise.all([
      launchService(ferretdbSpec({ dir, port: ports.ferretdb, tls: serverTls })),
      launchService(redisSpec({ dir, port: ports.redis, tls: serverTls })),
    ]),
  );
  proxy = await startMtlsProxy({ upstream: stack.temporal, cert: pem(serverFiles.cert), key: pem(serverFiles.key), ca: pem(ca.cert) });
  sim = await serveApp(
    createSimulator({ shape: { ...defaultShape, facilityCount: 3, equipmentMin: 5, equipmentMax: 10 }, knobs: {} }).app.fetch,
  );

  env = appEnv({
    services: {
      mongodb: `mongodb://127.0.0.1:${ports.ferretdb}/`,
      redis: `rediss://127.0.0.1:${ports.redis}`,
      temporal: proxy.address,
      namespace: stack.namespace,
      condoit: sim.url,
    },
    database: `mbtest_${suffix}`,
    keyPrefix: `mbtest:${suffix}:`,
    jwt: testJwt,
    apiPort: ports.api,
    temporalConfig: writeTemporalConfig(join(dir, 'temporal.config.yaml'), (c) => {
      c.taskQueues.assessments = `mbtest-tls-${suffix}`;
      c.portfolioSchedule.id = scheduleId;
    }),
    // Every connection encrypted: this test is about them.
    extra: {
      MONGODB_TLS_CA_FILE: ca.cert,
      MONGODB_TLS_CERT_FILE: clientFiles.cert,
      MONGODB_TLS_KEY_FILE: clientFiles.key,
      REDIS_TLS_CA_FILE: ca.cert,
      REDIS_TLS_CERT_FILE: clientFiles.cert,
      REDIS_TLS_KEY_FILE: clientFiles.key,
      TEMPORAL_TLS_CA_FILE: ca.cert,
      TEMPORAL_TLS_CERT_FILE: clientFiles.cert,
      TEMPORAL_TLS_KEY_FILE: clientFiles.key,
      // The proxy's certificate names 127.0.0.1 and temporal.masterbus.test: check it against the latter.
      TEMPORAL_TLS_SERVER_NAME: temporalServerName,
      RATE_LIMIT_VIEWER: '3',
      API_TLS_CERT_FILE: serverFiles.cert,
      API_TLS_KEY_FILE: serverFiles.key,
      API_METRICS_PORT: String(ports.apiMetrics),
    },
  });
  tls = loadTransportSecurity(parseEnv(env), ['api', 'temporal', 'mongodb', 'redis']);
  await timed('api and worker ready', async () => {
    [worker, api] = await Promise.all([spawnApp('worker', env, { readyTimeoutMs: 120_000 }), spawnApp('api', env)]);
    apiUrl = `https://127.0.0.1:${ports.api}`;
  });
});

afterAll(async () => {
  await Promise.all([api?.stop(), worker?.stop()]);
  const connection = await Connection.connect({ address: stack.temporal });
  await new Client({ connection, namespace: stack.namespace }).schedule
    .getHandle(scheduleId)
    .delete()
    .catch(() => undefined);
  await connection.close();
  await proxy?.close();
  await Promise.all([ferretdb?.stop(), redis?.stop()]);
  await sim?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
  ca?.remove();
  stranger?.remove();
  console.log(`[tls] timings (ms): ${JSON.stringify(timings)}`);
});

describe('the API over HTTPS (api/main.ts with API_TLS_CERT_FILE / API_TLS_KEY_FILE)', () => {
  let assessor: string;

  beforeAll(async () => {
    assessor = await mintToken(testJwt, { sub: 'tls-assessor', role: 'assessor', facilities: ['*'] });
  });

  it('should say at start how each connection is protected', () => {
    const lines = [...api.stdout, ...worker.stdout].map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.find((l) => l.service === 'api' && l.msg === 'encryption in transit')?.tls).toEqual({
      api: 'https',
      temporal: 'mutual tls',
      mongodb: 'mutual tls',
      redis: 'mutual tls',
    });
    expect(lines.find((l) => l.service === 'worker' && l.msg === 'encryption in transit')?.tls).toEqual({
      temporal: 'mutual tls',
      mongodb: 'mutual tls',
      redis: 'mutual tls',
    });
    expect(api.stdout.some((l) => l.includes(`listening on https://127.0.0.1:${ports.api}`))).toBe(true);
  });

  it('should complete an assessment started and followed over HTTPS: worker and API reach Temporal, MongoDB and Redis only over mutual TLS', async () => {
    const started = await timed('assessment over tls', async () => {
      const res = await request(`${apiUrl}/v1/facilities/${facility}/assessments`, {
        method: 'POST',
        headers: { authorization: `Bearer ${assessor}` },
        ...trusting(),
      });
      expect(res.status).toBe(202);
      const { assessment_id } = JSON.parse(res.body) as { assessment_id: string };
      const deadline = Date.now() + 90_000;
      for (;;) {
        const body = JSON.parse(
          (await request(`${apiUrl}/v1/assessments/${assessment_id}`, { headers: { authorization: `Bearer ${assessor}` }, ...trusting() }))
            .body,
        ) as { status: string };
        if (body.status === 'completed') return assessment_id;
        if (body.status === 'failed' || Date.now() > deadline) throw new Error(`assessment ended ${body.status}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    });
    const risks = await request(`${apiUrl}/v1/facilities/${facility}/risks`, {
      headers: { authorization: `Bearer ${assessor}` },
      ...trusting(),
    });
    expect(risks.status).toBe(200);
    expect(JSON.parse(risks.body)).toMatchObject({ facility_id: facility, risk_summary: { risk_level: expect.any(String) } });
    // The result is in the TLS-only FerretDB, written there by the worker.
    const mongo = await connectMongo(env.MONGODB_URL!, env.MONGODB_DB!, { tls: tls.mongodb });
    try {
      expect(await mongo.db.collection('assessments').countDocuments({ _id: started as never, status: 'completed' })).toBe(1);
    } finally {
      await mongo.close();
    }
    // The API client, the worker's admin client and its NativeConnection all came through the proxy with our certificate.
    expect(proxy.accepted.filter((cn) => cn === 'masterbus-client').length).toBeGreaterThanOrEqual(3);
  });

  it('should still demand a token over HTTPS (the real auth), answering in the contract error shape', async () => {
    const res = await request(`${apiUrl}/v1/facilities`, trusting());
    expect(res.status).toBe(401);
    expect(JSON.parse(res.body)).toMatchObject({ error: { code: expect.any(String), request_id: res.headers['x-request-id'] } });
  });

  it('should not answer plain HTTP on its port', async () => {
    await expect(request(`http://127.0.0.1:${ports.api}/healthz`)).rejects.toThrow(/socket hang up|ECONNRESET/);
  });

  it('should be refused by a client that does not trust its CA', async () => {
    const err = await request(`${apiUrl}/healthz`).then(
      () => null,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(err?.code).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
    const other = await request(`${apiUrl}/healthz`, { ca: pem(stranger.cert) }).then(
      () => null,
      (e: NodeJS.ErrnoException) => e,
    );
    expect(other?.code).toMatch(/UNABLE_TO_VERIFY_LEAF_SIGNATURE|UNABLE_TO_GET_ISSUER_CERT_LOCALLY/);
  });
});

describe('the API requiring client certificates (API_TLS_CLIENT_CA_FILE)', () => {
  let mtlsApi: AppProcess;
  let url: string;
  let viewer: string;

  beforeAll(async () => {
    const port = await freePort();
    mtlsApi = await spawnApp('api', { ...env, API_PORT: String(port), API_METRICS_PORT: '0', API_TLS_CLIENT_CA_FILE: ca.cert });
    url = `https://127.0.0.1:${port}`;
    viewer = await mintToken(testJwt, { sub: 'tls-mtls-viewer', role: 'viewer', facilities: ['*'] });
  });
  afterAll(() => mtlsApi?.stop());

  it('should serve a client presenting a certificate from that CA (and still check its token)', async () => {
    expect((await request(`${url}/v1/facilities`, { ...withClientCert(), headers: { authorization: `Bearer ${viewer}` } })).status).toBe(
      200,
    );
    expect((await request(`${url}/v1/facilities`, withClientCert())).status).toBe(401);
  });

  it('should refuse a client without a certificate, or with one from another CA, before any HTTP', async () => {
    await expect(request(`${url}/healthz`, { ...trusting(), headers: { authorization: `Bearer ${viewer}` } })).rejects.toThrow(
      /certificate required/,
    );
    await expect(
      request(`${url}/healthz`, { ca: pem(ca.cert), cert: pem(strangerFiles.cert), key: pem(strangerFiles.key) }),
    ).rejects.toThrow(/unknown ca|socket hang up|ECONNRESET/i);
  });
});

describe('MongoDB over TLS (MONGODB_TLS_CA_FILE, MONGODB_TLS_CERT_FILE, MONGODB_TLS_KEY_FILE)', () => {
  it('should let our store write and read with the configured CA and client certificate', async () => {
    const mongo = await connectMongo(env.MONGODB_URL!, env.MONGODB_DB!, { tls: tls.mongodb });
    try {
      const probes = mongo.db.collection<{ _id: string; at: Date }>('tls_probe');
      await probes.insertOne({ _id: 'probe', at: new Date() });
      expect(await probes.findOne({ _id: 'probe' })).toMatchObject({ _id: 'probe' });
    } finally {
      await mongo.close();
    }
  });

  it('should fail to connect without the CA, without a client certificate, or without TLS', async () => {
    const attempts = await timed('mongodb refusals', () =>
      Promise.allSettled([
        connectMongo(env.MONGODB_URL!, 'refused', { tls: { tls: true, cert: pem(clientFiles.cert), key: pem(clientFiles.key) } }),
        connectMongo(env.MONGODB_URL!, 'refused', { tls: { tls: true, ca: pem(ca.cert) } }),
        connectMongo(env.MONGODB_URL!, 'refused'),
      ]),
    );
    for (const a of attempts) {
      if (a.status === 'fulfilled') await a.value.close();
      expect(a.status).toBe('rejected');
    }
    expect(String((attempts[0] as PromiseRejectedResult).reason)).toMatch(/certificate/i);
  });
});

describe('Redis over TLS (rediss:// with REDIS_TLS_CA_FILE, REDIS_TLS_CERT_FILE, REDIS_TLS_KEY_FILE)', () => {
  it('should have served the API rate limiter and cache from the TLS-only Redis', async () => {
    const viewer = await mintToken(testJwt, { sub: 'tls-viewer', role: 'viewer', facilities: ['*'] });
    const statuses: number[] = [];
    for (let i = 0; i < 4; i++)
      statuses.push(
        (await request(`${apiUrl}/v1/facilities/${facility}/risks`, { headers: { authorization: `Bearer ${viewer}` }, ...trusting() }))
          .status,
      );
    expect(statuses).toEqual([200, 200, 200, 429]);
    const metrics = await (await fetch(`http://127.0.0.1:${ports.apiMetrics}/metrics`)).text();
    // store="redis": the limiter's window lives in Redis (not the in-process fallback used while Redis is unreachable).
    expect(sampleValue(metrics, 'masterbus_api_rate_limit_rejections_total', { role: 'viewer', store: 'redis' })).toBe(1);
    expect(sampleValue(metrics, 'masterbus_api_cache_reads_total', { level: 'redis' })).toBeGreaterThanOrEqual(1);
  });

  it('should let our client count, store and read over TLS with the configured CA and client certificate', async () => {
    const client = await connectRedis(env.REDIS_URL!, () => {}, { tls: tls.redis });
    try {
      const decision = await new RedisRateLimiter(client, `mbtest:${suffix}:probe:`).check('tls-client', 5);
      expect(decision).toMatchObject({ store: 'redis', remaining: 4 });
      expect(await client.keys(`mbtest:${suffix}:*`)).not.toHaveLength(0);
    } finally {
      await client.quit();
    }
  });

  it('should fail to connect without the CA or without a client certificate', async () => {
    const firstError = async (options: { ca?: Buffer; cert?: Buffer; key?: Buffer }) => {
      let seen: Error | undefined;
      const client = await connectRedis(env.REDIS_URL!, (err) => (seen ??= err), { waitForConnection: false, tls: options });
      const deadline = Date.now() + 10_000;
      while (!seen && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
      const ready = client.isReady;
      client.destroy();
      return { seen, ready };
    };
    const noCa = await firstError({ cert: pem(clientFiles.cert), key: pem(clientFiles.key) });
    expect(noCa.ready).toBe(false);
    expect(noCa.seen?.message).toMatch(/certificate/i);
    const noCert = await firstError({ ca: pem(ca.cert) });
    expect(noCert.ready).toBe(false);
    expect(noCert.seen).toBeDefined();
  });
});

describe('Temporal through mutual TLS (TEMPORAL_TLS_CA_FILE, TEMPORAL_TLS_CERT_FILE, TEMPORAL_TLS_KEY_FILE, TEMPORAL_TLS_SERVER_NAME)', () => {
  it('should run `masterbus schedule describe` over the same TLS settings', async () => {
    const { stdout } = await promisify(execFile)(tsxBin, ['cli/main.ts', 'schedule', 'describe', '--json'], {
      cwd: projectRoot,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    });
    expect(JSON.parse(stdout)).toMatchObject({ schedule_id: scheduleId });
  });

  it('should refuse a client and a worker connection without the client certificate', async () => {
    const refusedBefore = proxy.refused.length;
    const serverOnly = { serverRootCACertificate: pem(ca.cert), serverNameOverride: temporalServerName };
    await expect(Connection.connect({ address: proxy.address, tls: serverOnly, connectTimeout: '5s' })).rejects.toThrow();
    await expect(NativeConnection.connect({ address: proxy.address, tls: serverOnly })).rejects.toThrow();
    expect(proxy.refused.length).toBeGreaterThan(refusedBefore);
    expect(proxy.refused.slice(refusedBefore).join('\n')).toMatch(/certificate/i);
  });

  it('should refuse to talk to the proxy when its certificate is not for the expected server name', async () => {
    const wrongName = { ...tls.temporal, serverNameOverride: 'not-temporal.example' };
    await expect(Connection.connect({ address: proxy.address, tls: wrongName, connectTimeout: '5s' })).rejects.toThrow();
  });
});
