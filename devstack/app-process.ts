/**
 * The one way to start MasterBus's own processes (API, worker) from tests and benchmarks: exactly as in
 * production — `node --import tsx api/main.ts` — with the environment appEnv() builds (devstack/app-env.ts), so
 * they can be SIGKILLed or SIGTERMed, their log lines read, and their memory read from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, writeSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import { projectRoot } from './paths.js';

export type AppKind = 'api' | 'worker';
export type Exit = { code: number | null; signal: NodeJS.Signals | null };

export interface AppProcess {
  /** 'api', 'worker', or the name given to spawnProcess. */
  kind: string;
  pid: number;
  child: ChildProcess;
  /** Lines the process wrote to stdout (its JSON log lines) and to stderr, so far. */
  stdout: string[];
  stderr: string[];
  /** Everything it printed so far, as text. */
  output(): string;
  exited: Promise<Exit>;
  alive(): boolean;
  /** Resident set size in KiB (Linux /proc), or null once the process is gone. */
  rssKib(): number | null;
  /** The first stdout line that matches (waiting for it); fails if the process exits first. */
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  kill(signal: NodeJS.Signals): Promise<Exit>;
  /** SIGTERM, and SIGKILL if it has not exited after `graceMs` (default 15 s). */
  stop(graceMs?: number): Promise<Exit>;
}

export interface SpawnOptions {
  /** Also append everything the process prints to this file. */
  logFile?: string;
  /** Node flags before the script (e.g. --cpu-prof). */
  nodeFlags?: string[];
  /** How long to wait for its ready line (default 60 s); 0: return at once. */
  readyTimeoutMs?: number;
  /**
   * With `logFile`: the process writes straight into the file, never through this process's event loop (a
   * benchmark's load generator must not pay for the server's log lines); stdout/stderr stay empty, and
   * output() and waitForLine() read the file.
   */
  logOnly?: boolean;
}

/** Any of our scripts as a process: what it is called, which file runs, and the line it prints once ready. */
export interface ProcessSpec {
  name: string;
  script: string;
  args?: string[];
  ready?: RegExp;
}

const scripts: Record<AppKind, string> = { api: 'api/main.ts', worker: 'workers/main.ts' };
/** The line each process prints once it serves (API) or polls its task queue (worker). */
const readyLine: Record<AppKind, RegExp> = { api: /listening on http/, worker: /polling \S+ on / };

function lineSplitter(into: string[]): (chunk: Buffer) => void {
  let rest = '';
  return (chunk) => {
    const parts = (rest + chunk.toString()).split('\n');
    rest = parts.pop() ?? '';
    into.push(...parts.filter(Boolean));
  };
}

/** Starts the API or a worker with exactly `env` (plus PATH and HOME) and, by default, waits until it is ready. */
export function spawnApp(kind: AppKind, env: Record<string, string>, o: SpawnOptions = {}): Promise<AppProcess> {
  return spawnProcess({ name: kind, script: scripts[kind], ready: readyLine[kind] }, env, o);
}

export async function spawnProcess(spec: ProcessSpec, env: Record<string, string>, o: SpawnOptions = {}): Promise<AppProcess> {
  const kind = spec.name;
  let logFd: number | null = null;
  if (o.logFile) {
    mkdirSync(dirname(o.logFile), { recursive: true });
    logFd = openSync(o.logFile, 'a');
  }
  const direct = o.logOnly === true && logFd !== null;
  const child = spawn(process.execPath, ['--import', 'tsx', ...(o.nodeFlags ?? []), join(projectRoot, spec.script), ...(spec.args ?? [])], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: direct ? ['ignore', logFd!, logFd!] : ['ignore', 'pipe', 'pipe'],
  });
  if (direct) {
    closeSync(logFd!);
    logFd = null;
  }
  let out = '';
  let onOutput = () => {};
  const stdout: string[] = [];
  const stderr: string[] = [];
  const toStdout = lineSplitter(stdout);
  const toStderr = lineSplitter(stderr);
  const collect = (split: (d: Buffer) => void) => (d: Buffer) => {
    out += d.toString();
    if (logFd !== null) writeSync(logFd, d);
    split(d);
    onOutput();
  };
  child.stdout?.on('data', collect(toStdout));
  child.stderr?.on('data', collect(toStderr));
  const output = () => (direct ? readFileSync(o.logFile!, 'utf8') : out);
  const exited = new Promise<Exit>((resolve) =>
    child.once('exit', (code, signal) => {
      if (logFd !== null) closeSync(logFd);
      logFd = null;
      resolve({ code, signal });
    }),
  );
  const alive = () => child.exitCode === null && child.signalCode === null;
  const app: AppProcess = {
    kind,
    pid: child.pid!,
    child,
    stdout,
    stderr,
    output,
    exited,
    alive,
    rssKib() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) : null;
      } catch {
        return null;
      }
    },
    async waitForLine(match, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = (direct ? output().split('\n') : stdout).find(match);
        if (found) return found;
        if (!alive()) throw new Error(`${kind} exited (${child.signalCode ?? child.exitCode}): ${output().slice(-3000)}`);
        if (Date.now() > deadline) throw new Error(`${kind}: no matching line within ${timeoutMs} ms; output:\n${output().slice(-3000)}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    async kill(signal) {
      if (alive()) child.kill(signal);
      return exited;
    },
    async stop(graceMs = 15_000) {
      if (!alive()) return exited;
      child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      kill.unref();
      const exit = await exited;
      clearTimeout(kill);
      return exit;
    },
  };
  const readyTimeoutMs = o.readyTimeoutMs ?? 60_000;
  const ready = spec.ready;
  if (readyTimeoutMs === 0 || !ready) return app;
  await new Promise<void>((resolve, reject) => {
    let poll: NodeJS.Timeout | undefined;
    const timer = setTimeout(() => {
      clearInterval(poll);
      child.kill('SIGKILL');
      reject(new Error(`${kind} not ready within ${readyTimeoutMs} ms; output:\n${output().slice(-3000)}`));
    }, readyTimeoutMs);
    const check = () => {
      if (ready.test(output())) {
        clearTimeout(timer);
        clearInterval(poll);
        onOutput = () => {};
        resolve();
      }
    };
    onOutput = check;
    // Written straight to the file, the output is polled.
    if (direct) poll = setInterval(check, 200);
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      clearInterval(poll);
      reject(new Error(`${kind} exited (${signal ?? code}) before it was ready; output:\n${output().slice(-3000)}`));
    });
    check();
  });
  return app;
}

/** A loopback port nothing listens on right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}
