/**
 * Production never runs on the secrets this repository publishes: the development JWT secret, the example file's
 * placeholder, weak HS256 secrets and the development payload key are refused at start, naming the variable —
 * checked on the functions the processes call first, and on the API and worker processes themselves.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { jwtSettings } from '../../api/jwt-settings.js';
import { DEV_JWT_SECRET } from '../../config/development-signing.js';
import { payloadCodecFrom } from '../../codec/payload-keys.js';
import { parseEnv } from '../../config/env.js';
import { serviceUrls } from '../../config/service-urls.js';
import { redisAuthFrom } from '../../config/redis-auth.js';
import { estimatedEntropyBits, judgeSecret } from '../../config/secret-strength.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const strongSecret = randomBytes(48).toString('base64');
const strongKeys = `k1:${randomBytes(32).toString('base64')}`;
const DEV_PAYLOAD_KEY = Buffer.from('masterbus-dev-payload-key-32byte').toString('base64');
const production = (vars: Record<string, string>) => parseEnv({ MASTERBUS_PROFILE: 'production', ...vars });

/** Runs an entry point with only the given environment; resolves with its exit code and output. */
function run(entry: string, env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', entry], {
      cwd: root,
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', LOG_LEVEL: 'error', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d: Buffer) => (output += d.toString()));
    child.stderr.on('data', (d: Buffer) => (output += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}

describe('secrets in production', () => {
  it('should refuse the published development JWT secret and the example placeholder, naming JWT_SECRET', () => {
    expect(() => jwtSettings(production({ JWT_SECRET: DEV_JWT_SECRET }))).toThrow(/JWT_SECRET is a published development or example value/);
    expect(() => jwtSettings(production({ JWT_SECRET: 'change-me-to-32-or-more-random-characters' }))).toThrow(/JWT_SECRET/);
    expect(() => jwtSettings(production({}))).toThrow(/JWT_SECRET must be set/);
  });

  it('should refuse a long HS256 secret with little entropy, and accept a random one', () => {
    expect(() => jwtSettings(production({ JWT_SECRET: 'a'.repeat(64) }))).toThrow(/JWT_SECRET repeats too few characters/);
    expect(() => jwtSettings(production({ JWT_SECRET: 'abcdefghijklmnopqrstuvwxyzabcdef' }))).toThrow(/JWT_SECRET has about 150 bits/);
    expect(jwtSettings(production({ JWT_SECRET: strongSecret }))).toMatchObject({ secret: strongSecret });
    expect(estimatedEntropyBits('Aa1!'.repeat(8))).toBeCloseTo(32 * Math.log2(95), 6);
    expect(judgeSecret(randomBytes(32).toString('hex'), []).ok).toBe(true);
  });

  it('should refuse the example Redis password and weak ones in production, naming REDIS_PASSWORD', () => {
    expect(() => redisAuthFrom(production({ REDIS_PASSWORD: 'change-me' }))).toThrow(
      /^REDIS_PASSWORD is a published development or example value/,
    );
    expect(() => redisAuthFrom(production({ REDIS_PASSWORD: 'redis123' }))).toThrow(/REDIS_PASSWORD/);
    const strong = 'Zq3vT9kX2mLp8RwB4nYc6HdJ';
    expect(redisAuthFrom(production({ REDIS_USERNAME: 'masterbus', REDIS_PASSWORD: strong }))).toEqual({
      username: 'masterbus',
      password: strong,
    });
    expect(redisAuthFrom(parseEnv({ MASTERBUS_PROFILE: 'development', REDIS_PASSWORD: 'change-me' }))).toEqual({ password: 'change-me' });
    expect(redisAuthFrom(production({}))).toEqual({});
  });

  it('should keep the development defaults outside production', () => {
    expect(jwtSettings(parseEnv({ MASTERBUS_PROFILE: 'development' }))).toMatchObject({ secret: DEV_JWT_SECRET });
    expect(() => payloadCodecFrom(parseEnv({ MASTERBUS_PROFILE: 'development' }))).not.toThrow();
  });

  it('should refuse the published development payload key and non-random keys, naming PAYLOAD_KEYS', () => {
    expect(() => payloadCodecFrom(production({ PAYLOAD_KEYS: `dev:${DEV_PAYLOAD_KEY}` }))).toThrow(
      /PAYLOAD_KEYS: key "dev" is the published development key/,
    );
    expect(() => payloadCodecFrom(production({ PAYLOAD_KEYS: `${strongKeys},old:${DEV_PAYLOAD_KEY}` }))).toThrow(/key "old"/);
    expect(() => payloadCodecFrom(production({ PAYLOAD_KEYS: `z:${Buffer.alloc(32).toString('base64')}` }))).toThrow(/not random/);
    expect(() => payloadCodecFrom(production({ PAYLOAD_KEYS: strongKeys }))).not.toThrow();
  });

  it('should be production unless a development or test profile is named', () => {
    expect(parseEnv({}).MASTERBUS_PROFILE).toBe('production');
    expect(parseEnv({ NODE_ENV: 'development' }).MASTERBUS_PROFILE).toBe('production');
    expect(() => jwtSettings(parseEnv({ NODE_ENV: 'development' }))).toThrow(/JWT_SECRET must be set in production/);
    expect(() => payloadCodecFrom(parseEnv({}))).toThrow(/PAYLOAD_KEYS must be set in production/);
  });

  it('should refuse to start production with a service left unset, naming each, instead of looking on loopback', async () => {
    expect(() => serviceUrls(production({ MONGODB_URL: 'mongodb://db:27017/', TEMPORAL_ADDRESS: 'temporal:7233' }))).toThrow(
      /^REDIS_URL, CONDOIT_URL must be set in production/,
    );
    expect(serviceUrls(parseEnv({ MASTERBUS_PROFILE: 'development' })).mongodb).toMatch(/^mongodb:\/\/127\.0\.0\.1:/);
    const worker = await run('workers/main.ts', { PAYLOAD_KEYS: strongKeys, REDIS_URL: 'redis://127.0.0.1:1' });
    expect(worker.code).toBe(1);
    expect(worker.output).toContain('MONGODB_URL, TEMPORAL_ADDRESS, CONDOIT_URL must be set in production');
  }, 60_000);

  it('should start a process that forgets its profile as production: no development secret, key or listener', async () => {
    const api = await run('api/main.ts', {
      MONGODB_URL: 'mongodb://127.0.0.1:1/x',
      REDIS_URL: 'redis://127.0.0.1:1',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      CONDOIT_URL: 'http://127.0.0.1:1',
    });
    expect(api.code).toBe(1);
    expect(api.output).toContain('JWT_SECRET must be set in production');
    const open = await run('api/main.ts', { MASTERBUS_PROFILE: 'development', API_HOST: '0.0.0.0' });
    expect(open.code).toBe(1);
    expect(open.output).toContain('API_HOST=0.0.0.0: the development profile (development secrets and keys) listens on loopback only');
    const worker = await run('workers/main.ts', { MASTERBUS_PROFILE: 'test', METRICS_HOST: '10.0.0.5' });
    expect(worker.code).toBe(1);
    expect(worker.output).toContain('METRICS_HOST=10.0.0.5');
  }, 60_000);

  it('should stop the API and the worker at start, before connecting anywhere, when production is given the development secrets', async () => {
    const api = await run('api/main.ts', {
      JWT_SECRET: DEV_JWT_SECRET,
      PAYLOAD_KEYS: strongKeys,
      MONGODB_URL: 'mongodb://127.0.0.1:1/x',
      REDIS_URL: 'redis://127.0.0.1:1',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      CONDOIT_URL: 'http://127.0.0.1:1',
    });
    expect(api.code).toBe(1);
    expect(api.output).toContain('JWT_SECRET is a published development or example value');
    const worker = await run('workers/main.ts', {
      PAYLOAD_KEYS: `dev:${DEV_PAYLOAD_KEY}`,
      MONGODB_URL: 'mongodb://127.0.0.1:1/x',
      REDIS_URL: 'redis://127.0.0.1:1',
      TEMPORAL_ADDRESS: '127.0.0.1:1',
      CONDOIT_URL: 'http://127.0.0.1:1',
    });
    expect(worker.code).toBe(1);
    expect(worker.output).toContain('is the published development key');
  }, 60_000);
});
