/**
 * The `masterbus` CLI as operators run it: a child process (tsx cli/main.ts) against a harness's real API,
 * worker and Temporal. Asserts what it prints, its --json shapes (parsed with the API's own schemas) and its
 * documented exit codes, including the failures: unknown facility, bad token, facility outside the token's policy,
 * API down, usage errors, production token minting.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse as parseYaml, stringify as toYaml } from 'yaml';
import { z } from 'zod';
import { zAssessmentView } from '../../contract/assessment-view.js';
import { zPortfolioRunView } from '../../contract/portfolio-run-view.js';
import { ExitCode } from '../../cli/exit-codes.js';
import { projectRoot } from '../../devstack/paths.js';
import { zFacilityRisks } from '../../domain/read-models.js';
import { startHarness, testJwt, type Harness } from '../support/harness.js';
import { freePort } from '../../devstack/app-process.js';
import { tsxBin } from '../../devstack/paths.js';
import { Client } from '@temporalio/client';
import { dataConverterFrom } from '../../codec/payload-keys.js';
import { MODEL_VERSION } from '../../domain/model-version.js';
import { ensureNamespace } from '../../temporal-admin/ensure-namespace.js';
import { ensureSearchAttributes } from '../../temporal-admin/ensure-search-attributes.js';

let h: Harness;
let configDir: string;
let baseEnv: Record<string, string>;

interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

function cli(args: string[], env: Record<string, string> = {}, command: [string, ...string[]] = [tsxBin, 'cli/main.ts']): Promise<CliRun> {
  return new Promise((resolve, reject) => {
    const [bin, ...pre] = command;
    const child = spawn(bin, [...pre, ...args], { cwd: projectRoot, env: { ...baseEnv, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.once('error', reject);
    child.once('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const zCliError = z.object({ error: z.object({ code: z.string(), message: z.string(), exit_code: z.number() }) });
const zAssessOutput = z.object({
  assessment: zAssessmentView,
  risks: zFacilityRisks.pick({ risk_summary: true, high_risk_items: true }).nullable(),
});

beforeAll(async () => {
  h = await startHarness({ shape: { facilityCount: 4, equipmentMin: 5, equipmentMax: 12 } });
  configDir = mkdtempSync(join(tmpdir(), 'mb-cli-'));
  const config = parseYaml(readFileSync(join(projectRoot, 'temporal.config.yaml'), 'utf8')) as Record<string, Record<string, unknown>>;
  config.taskQueues!.assessments = h.temporalConfig.taskQueues.assessments;
  config.portfolioSchedule!.id = h.temporalConfig.portfolioSchedule.id;
  writeFileSync(join(configDir, 'temporal.config.yaml'), toYaml(config));
  baseEnv = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    // The test profile: the development token minter and payload key (the CLI is production unless told).
    MASTERBUS_PROFILE: 'test',
    MASTERBUS_API_URL: h.apiUrl,
    MASTERBUS_TOKEN: await h.token('admin'),
    TEMPORAL_ADDRESS: h.temporalConfig.address,
    TEMPORAL_NAMESPACE: h.temporalConfig.namespace,
    TEMPORAL_CONFIG: join(configDir, 'temporal.config.yaml'),
    JWT_SECRET: testJwt.secret,
    JWT_ISSUER: testJwt.issuer,
    JWT_AUDIENCE: testJwt.audience,
  };
});

afterAll(async () => {
  await h?.testEnv.client.schedule
    .getHandle(h.temporalConfig.portfolioSchedule.id)
    .delete()
    .catch(() => undefined);
  await h?.close();
  if (configDir) rmSync(configDir, { recursive: true, force: true });
});

describe('masterbus assess', () => {
  it('should follow an assessment with plain progress lines when not on a terminal and print the result summary', async () => {
    const run = await cli(['assess', 'fac-00001']);
    expect(run.code, run.stderr).toBe(ExitCode.OK);
    expect(run.stdout).toMatch(/^fac-00001: assessment asm_\S+ completed in [\d.]+ s$/m);
    expect(run.stdout).toMatch(/risk score [\d.]+ \((Low|Medium|High|Critical)\), \d+ equipment/);
    expect(run.stdout).toMatch(/equipment by risk: \d+ critical, \d+ high, \d+ medium, \d+ low/);
    expect(run.stdout).toContain('Temporal workflow facility-assessment/fac-00001');
    // Not a TTY: one line per change, ending with the final status; no bar escape codes.
    expect(run.stderr).toMatch(/fac-00001 asm_\S+: completed 100% done/);
    expect(run.stderr).not.toContain('\u001b[');
  });

  it('should draw a progress bar on a terminal (util-linux script gives it a pseudo-terminal)', async () => {
    const line = [tsxBin, 'cli/main.ts', 'assess', 'fac-00003'].map((a) => `'${a}'`).join(' ');
    const run = await cli([], {}, ['script', '-qefc', line, '/dev/null']);
    expect(run.code, run.stdout).toBe(ExitCode.OK);
    expect(run.stdout).toContain('\u2588');
    expect(run.stdout).toMatch(/fac-00003 asm_\S+ \[\u2588+\] 100% \| completed done/);
    expect(run.stdout).toMatch(/^fac-00003: assessment asm_\S+ completed/m);
  });

  it('should print one JSON document with --json whose numbers agree with the API', async () => {
    const run = await cli(['assess', 'fac-00002', '--json']);
    expect(run.code, run.stderr).toBe(ExitCode.OK);
    const out = zAssessOutput.parse(JSON.parse(run.stdout));
    expect(out.assessment).toMatchObject({ facility_id: 'fac-00002', status: 'completed' });
    const risks = (await (await h.api('/v1/facilities/fac-00002/risks')).json()) as z.infer<typeof zFacilityRisks>;
    expect(out.risks?.risk_summary).toEqual(risks.risk_summary);
    expect(out.assessment.result?.risk_score).toBe(risks.risk_summary.risk_score);
  });

  it('should exit 1 with the failure code when Condoit does not know the facility', async () => {
    const run = await cli(['assess', 'fac-09999', '--json']);
    expect(run.code).toBe(ExitCode.FAILED);
    const out = zAssessOutput.parse(JSON.parse(run.stdout));
    expect(out.assessment.status).toBe('failed');
    expect(out.assessment.error?.code).toBe('CONDOIT_FACILITY_NOT_FOUND');
    expect(out.risks).toBeNull();
  });

  it('should exit 3 naming the problem when the API refuses the token', async () => {
    const run = await cli(['assess', 'fac-00001', '--json'], { MASTERBUS_TOKEN: 'not-a-jwt' });
    expect(run.code).toBe(ExitCode.UNAVAILABLE);
    expect(zCliError.parse(JSON.parse(run.stdout)).error).toMatchObject({ code: 'UNAUTHORIZED', exit_code: 3 });
    expect(run.stderr).toMatch(/^masterbus: POST \/v1\/facilities\/fac-00001\/assessments: 401 UNAUTHORIZED/);
  });

  it("should exit 4 for a facility outside the token's policy", async () => {
    const run = await cli(['assess', 'fac-00001', '--json'], { MASTERBUS_TOKEN: await h.token('assessor', ['fac-00003']) });
    expect(run.code).toBe(ExitCode.NOT_FOUND);
    expect(zCliError.parse(JSON.parse(run.stdout)).error.code).toBe('RESOURCE_NOT_FOUND');
  });

  it('should exit 3 when the API is down', async () => {
    const run = await cli(['assess', 'fac-00001', '--json', '--api-url', `http://127.0.0.1:${await freePort()}`]);
    expect(run.code).toBe(ExitCode.UNAVAILABLE);
    expect(zCliError.parse(JSON.parse(run.stdout)).error.code).toBe('API_UNREACHABLE');
    expect(run.stderr).toContain('ECONNREFUSED');
  });

  it('should exit 2 on usage errors', async () => {
    expect((await cli(['assess'])).code).toBe(ExitCode.USAGE);
    const badTimeout = await cli(['assess', 'fac-00001', '--timeout', 'soon', '--json']);
    expect(badTimeout.code).toBe(ExitCode.USAGE);
    expect(zCliError.parse(JSON.parse(badTimeout.stdout)).error.message).toContain('--timeout must be a whole number');
    expect((await cli(['no-such-command'])).code).toBe(ExitCode.USAGE);
  });
});

describe('masterbus portfolio', () => {
  it('should run a portfolio reassessment to completion, then show it, and refuse to cancel a finished run', async () => {
    const run = await cli(['portfolio', 'run', '--force', '--follow', '--json']);
    expect(run.code, run.stderr).toBe(ExitCode.OK);
    const view = zPortfolioRunView.parse(JSON.parse(run.stdout));
    expect(view).toMatchObject({ status: 'completed', force: true, counts: { listed: 4, assessed: 4, failed: 0 } });

    const status = await cli(['portfolio', 'status', view.assessment_id]);
    expect(status.code).toBe(ExitCode.OK);
    expect(status.stdout).toContain(`portfolio run ${view.assessment_id} completed`);
    expect(status.stdout).toContain('4 listed: 4 assessed, 0 failed, 0 skipped');

    const cancel = await cli(['portfolio', 'cancel', view.assessment_id, '--json']);
    expect(cancel.code).toBe(ExitCode.USAGE);
    expect(zCliError.parse(JSON.parse(cancel.stdout)).error.code).toBe('CONFLICT');
    expect((await cli(['portfolio', 'status', 'asm_not-a-run'])).code).toBe(ExitCode.USAGE);
  });

  it('should exit 3 for a non-admin token (the API answers 403)', async () => {
    const run = await cli(['portfolio', 'run', '--json'], { MASTERBUS_TOKEN: await h.token('assessor') });
    expect(run.code).toBe(ExitCode.UNAVAILABLE);
    expect(zCliError.parse(JSON.parse(run.stdout)).error.code).toBe('FORBIDDEN');
  });
});

describe('masterbus schedule', () => {
  const zState = z.object({
    schedule_id: z.string(),
    paused: z.boolean(),
    next_action_times: z.array(z.string()),
    applied: z.enum(['created', 'updated']).optional(),
  });

  it('should say the schedule does not exist yet, then apply, pause, resume and describe it on Temporal', async () => {
    const missing = await cli(['schedule', 'describe', '--json']);
    expect(missing.code).toBe(ExitCode.NOT_FOUND);
    expect(zCliError.parse(JSON.parse(missing.stdout)).error.code).toBe('SCHEDULE_NOT_FOUND');

    const applied = zState.parse(JSON.parse((await cli(['schedule', 'apply', '--json'])).stdout));
    expect(applied).toMatchObject({ schedule_id: h.temporalConfig.portfolioSchedule.id, applied: 'created', paused: false });
    expect(applied.next_action_times.length).toBeGreaterThan(0);
    expect(zState.parse(JSON.parse((await cli(['schedule', 'apply', '--json'])).stdout)).applied).toBe('updated');

    expect(zState.parse(JSON.parse((await cli(['schedule', 'pause', '--json'])).stdout)).paused).toBe(true);
    expect((await h.testEnv.client.schedule.getHandle(applied.schedule_id).describe()).state.paused).toBe(true);
    const resumed = await cli(['schedule', 'resume']);
    expect(resumed.code).toBe(ExitCode.OK);
    expect(resumed.stdout).toMatch(new RegExp(`^schedule ${applied.schedule_id}: active`, 'm'));
    expect((await h.testEnv.client.schedule.getHandle(applied.schedule_id).describe()).state.paused).toBe(false);
  });

  it('should refuse a backfill with a bad time or an empty range as a usage error', async () => {
    expect((await cli(['schedule', 'backfill', 'yesterday', '2026-01-02T00:00:00Z'])).code).toBe(ExitCode.USAGE);
    const reversed = await cli(['schedule', 'backfill', '2026-01-02T00:00:00Z', '2026-01-01T00:00:00Z', '--json']);
    expect(reversed.code).toBe(ExitCode.USAGE);
    expect(zCliError.parse(JSON.parse(reversed.stdout)).error.message).toContain('start must be before the end');
  });

  it('should exit 3 when Temporal is unreachable', async () => {
    const run = await cli(['schedule', 'describe', '--json'], { TEMPORAL_ADDRESS: `127.0.0.1:${await freePort()}` });
    expect(run.code).toBe(ExitCode.UNAVAILABLE);
    expect(zCliError.parse(JSON.parse(run.stdout)).error.code).toBe('TEMPORAL_UNREACHABLE');
  });
});

describe('masterbus history', () => {
  const zStatus = z.object({
    outcome: z.enum(['started', 'exists']).optional(),
    workflow_id: z.string(),
    run_id: z.string(),
    status: z.string(),
  });

  it('should start the version’s trend re-score once, and again only when asked once the last run closed', async () => {
    // A namespace of its own, with no worker: the run stays open while the commands look at it.
    const namespace = `mbtest-cli-history-${h.env.MONGODB_DB}`;
    await ensureNamespace(h.testEnv.connection, namespace, 1);
    // A new namespace reaches the operator service a moment after it can be described.
    await expect
      .poll(
        () =>
          ensureSearchAttributes(h.testEnv.connection, namespace, h.temporalConfig.searchAttributes).then(
            () => true,
            () => false,
          ),
        {
          timeout: 30_000,
        },
      )
      .toBe(true);
    const env = { TEMPORAL_NAMESPACE: namespace };
    const history = async (...args: string[]) => {
      const run = await cli(['history', ...args, '--json'], env);
      return { code: run.code, body: JSON.parse(run.stdout) as unknown };
    };

    expect((await history('status')).code).toBe(ExitCode.NOT_FOUND);
    const first = zStatus.parse((await history('rescore')).body);
    expect(first).toMatchObject({ outcome: 'started', workflow_id: `rescore-history-${MODEL_VERSION}`, status: 'RUNNING' });
    expect(zStatus.parse((await history('rescore')).body)).toMatchObject({ outcome: 'exists', run_id: first.run_id });
    // --again never disturbs a running one.
    expect(zStatus.parse((await history('rescore', '--again')).body)).toMatchObject({ outcome: 'exists', run_id: first.run_id });

    const client = new Client({ connection: h.testEnv.connection, namespace, dataConverter: dataConverterFrom(h.env) });
    await client.workflow.getHandle(first.workflow_id).terminate('test: the run is closed');
    expect(zStatus.parse((await history('rescore')).body)).toMatchObject({ outcome: 'exists', status: 'TERMINATED' });
    const again = zStatus.parse((await history('rescore', '--again')).body);
    expect(again).toMatchObject({ outcome: 'started', status: 'RUNNING' });
    expect(again.run_id).not.toBe(first.run_id);
    await client.workflow.getHandle(first.workflow_id).terminate('test: done');
  });
});

describe('masterbus token mint', () => {
  it('should mint a token the API accepts, with the role and facilities asked for', async () => {
    const run = await cli(['token', 'mint', '--role', 'viewer', '--facilities', 'fac-00001', '--sub', 'cli-test', '--json']);
    expect(run.code).toBe(ExitCode.OK);
    const out = z
      .object({ token: z.string(), role: z.literal('viewer'), facilities: z.array(z.string()), sub: z.string(), expires_at: z.string() })
      .parse(JSON.parse(run.stdout));
    expect(out.facilities).toEqual(['fac-00001']);
    expect((await h.api('/v1/facilities/fac-00001/risks', { token: out.token })).status).toBe(200);
    expect((await h.api('/v1/facilities/fac-00002/risks', { token: out.token })).status).toBe(404);
    const plain = await cli(['token', 'mint']);
    expect(plain.stdout.trim()).toMatch(/^[\w-]+\.[\w-]+\.[\w-]+$/);
  });

  it('should refuse in production and reject an unknown role', async () => {
    const prod = await cli(['token', 'mint', '--json'], { MASTERBUS_PROFILE: 'production' });
    expect(prod.code).toBe(ExitCode.USAGE);
    expect(zCliError.parse(JSON.parse(prod.stdout)).error.code).toBe('DEVELOPMENT_ONLY');
    expect((await cli(['token', 'mint', '--role', 'root'])).code).toBe(ExitCode.USAGE);
  });
});

describe('masterbus sim', () => {
  it('should serve the seeded portfolio of the size asked for until stopped', async () => {
    const child = spawn(
      tsxBin,
      ['cli/main.ts', 'sim', '--port', '0', '--seed', '7', '--facilities', '3', '--equipment-min', '2', '--equipment-max', '4', '--json'],
      { cwd: projectRoot, env: baseEnv, stdio: ['ignore', 'pipe', 'pipe'] },
    );
    let stdout = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const deadline = Date.now() + 30_000;
    while (!stdout.trim().endsWith('}') && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    const started = z.object({ url: z.string(), seed: z.literal(7), facilities: z.literal(3) }).parse(JSON.parse(stdout));
    const page = (await (await fetch(`${started.url}/v1/facilities?limit=10`)).json()) as { data: { id: string }[] };
    expect(page.data.map((f) => f.id)).toEqual(['fac-00001', 'fac-00002', 'fac-00003']);
    child.kill('SIGTERM');
    expect(await exited).toBe(ExitCode.OK);
    expect((await cli(['sim', '--equipment-min', '5', '--equipment-max', '2'])).code).toBe(ExitCode.USAGE);
  });
});
