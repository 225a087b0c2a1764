/**
 * Runs the Schemathesis CLI (`st run`, PyPI schemathesis, installed into .tools/venv by scripts/install-tools.sh)
 * against a running API and reads back what it did: the JSON run report (verdict, failures by check) and the HAR
 * log (every request actually sent, with its response). Spawned asynchronously: the API under test usually runs
 * in the caller's own event loop, so a synchronous child would deadlock it.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { projectRoot } from '../../devstack/paths.js';

export const schemathesisBin = join(projectRoot, '.tools', 'venv', 'bin', 'st');
const venvPython = join(projectRoot, '.tools', 'venv', 'bin', 'python');
/** `st`'s own entry point behind a lock on ast.parse (see the file for the CPython 3.11 race it avoids). */
const runner = fileURLToPath(new URL('./schemathesis-run.py', import.meta.url));

const zReport = z.object({
  schemathesis_version: z.string(),
  complete: z.boolean(),
  exit_code: z.number(),
  stop_reason: z.string(),
  operations: z
    .object({ total: z.number(), selected: z.number(), tested: z.number(), errored: z.number(), skipped: z.number() })
    .nullable(),
  phases: z.record(z.string(), z.object({ status: z.string(), skip_reason: z.string().nullable() })).nullable(),
  test_cases: z.object({ generated: z.number(), with_failures: z.number(), unique_failures: z.number(), errored: z.number() }),
  failures: z.array(
    z.object({ type: z.string(), code: z.string(), title: z.string(), count: z.number(), operations: z.array(z.string()) }),
  ),
  errors: z.array(z.object({ title: z.string(), count: z.number() })),
  /** Warnings by kind (missing_auth, low_valid_rate, rate_limited...), each listing what it concerns. */
  warnings: z.record(z.string(), z.array(z.unknown())),
});
export type SchemathesisReport = z.infer<typeof zReport>;

const zHeader = z.object({ name: z.string(), value: z.string() });
const zHarEntry = z.object({
  request: z.object({ method: z.string(), url: z.string(), headers: z.array(zHeader) }),
  response: z.object({
    status: z.number(),
    headers: z.array(zHeader),
    content: z.object({ mimeType: z.string().optional(), text: z.string().optional() }),
  }),
});
export type HarEntry = z.infer<typeof zHarEntry>;
const zHar = z.object({ log: z.object({ entries: z.array(zHarEntry) }) });

export interface SchemathesisOptions {
  schemaUrl: string;
  headers: Record<string, string>;
  /** Test cases per operation and phase in one pass. */
  maxExamples: number;
  /** Schemathesis' own time budget: passes repeat until it is spent, then the run ends with its reports. */
  maxTimeSeconds: number;
  workers: number;
  seed: number;
  /** A backstop: the run is killed past this (should Schemathesis overrun its own budget). */
  timeoutMs: number;
  reportDir: string;
  extraArgs?: string[];
}

export interface SchemathesisRun {
  exitCode: number | null;
  output: string;
  report: SchemathesisReport;
  requests: HarEntry[];
}

function newestFile(dir: string, prefix: string): string {
  const name = readdirSync(dir)
    .filter((f) => f.startsWith(prefix))
    .sort()
    .at(-1);
  if (!name) throw new Error(`Schemathesis wrote no ${prefix}* report in ${dir}`);
  return join(dir, name);
}

export async function runSchemathesis(o: SchemathesisOptions): Promise<SchemathesisRun> {
  if (!existsSync(schemathesisBin)) throw new Error(`${schemathesisBin} is missing: run scripts/install-tools.sh`);
  rmSync(o.reportDir, { recursive: true, force: true });
  mkdirSync(o.reportDir, { recursive: true });
  const args = [
    'run',
    o.schemaUrl,
    ...Object.entries(o.headers).flatMap(([k, v]) => ['--header', `${k}: ${v}`]),
    '--checks',
    'all',
    '--max-examples',
    String(o.maxExamples),
    '--max-time',
    String(o.maxTimeSeconds),
    '--workers',
    String(o.workers),
    '--seed',
    String(o.seed),
    '--request-timeout',
    '20',
    '--continue-on-failure',
    '--report',
    'json,har',
    '--report-dir',
    o.reportDir,
    '--no-color',
    ...(o.extraArgs ?? []),
  ];
  const chunks: string[] = [];
  const child = spawn(venvPython, [runner, ...args], {
    cwd: o.reportDir,
    env: { ...process.env, NO_COLOR: '1', SCHEMATHESIS_HOOKS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout.on('data', (d: Buffer) => chunks.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => chunks.push(d.toString()));
  let timedOut = false;
  const timer = setTimeout(() => {
    timedOut = true;
    child.kill('SIGKILL');
  }, o.timeoutMs);
  const exitCode = await new Promise<number | null>((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve(code));
  }).finally(() => clearTimeout(timer));
  const output = chunks.join('');
  if (timedOut) throw new Error(`Schemathesis ran past ${o.timeoutMs} ms and was killed; output so far:\n${output.slice(-4000)}`);
  const report = zReport.parse(JSON.parse(readFileSync(newestFile(o.reportDir, 'json-'), 'utf8')));
  const requests = zHar.parse(JSON.parse(readFileSync(newestFile(o.reportDir, 'har-'), 'utf8'))).log.entries;
  return { exitCode, output, report, requests };
}

export function headerOf(headers: { name: string; value: string }[], name: string): string | undefined {
  return headers.find((h) => h.name.toLowerCase() === name.toLowerCase())?.value;
}
