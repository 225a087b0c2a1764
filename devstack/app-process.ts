/**
 * MasterBus's own processes (API, worker) run exactly as in production — `node --import tsx api/main.ts` —
 * so tests can SIGKILL or SIGTERM them and read their memory from /proc.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from './paths.js';

export type AppKind = 'api' | 'worker';

export interface AppProcess {
  kind: AppKind;
  pid: number;
  child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  alive(): boolean;
  /** Resident set size in KiB (Linux /proc), or null once the process is gone. */
  rssKib(): number | null;
  kill(signal: NodeJS.Signals): Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
}

const scripts: Record<AppKind, string> = { api: 'api/main.ts', worker: 'workers/main.ts' };
/** The line each process prints once it serves (API) or polls its task queue (worker). */
const readyLine: Record<AppKind, RegExp> = { api: /listening on http/, worker: /polling \S+ on / };

export async function spawnApp(kind: AppKind, env: Record<string, string>, logFile: string, readyTimeoutMs = 60_000): Promise<AppProcess> {
  mkdirSync(dirname(logFile), { recursive: true });
  const log = createWriteStream(logFile, { flags: 'a' });
  const child = spawn(process.execPath, ['--import', 'tsx', join(projectRoot, scripts[kind])], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let onOutput = () => {};
  const collect = (d: Buffer) => {
    out += d.toString();
    log.write(d);
    onOutput();
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => {
      log.end();
      resolve({ code, signal });
    }),
  );
  const app: AppProcess = {
    kind,
    pid: child.pid!,
    child,
    output: () => out,
    exited,
    alive: () => child.exitCode === null && child.signalCode === null,
    rssKib() {
      try {
        const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${child.pid}/status`, 'utf8'));
        return m ? Number(m[1]) : null;
      } catch {
        return null;
      }
    },
    async kill(signal) {
      if (app.alive()) child.kill(signal);
      return exited;
    },
  };
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${kind} not ready within ${readyTimeoutMs} ms; output:\n${out.slice(-3000)}`));
    }, readyTimeoutMs);
    onOutput = () => {
      if (readyLine[kind].test(out)) {
        clearTimeout(timer);
        onOutput = () => {};
        resolve();
      }
    };
    void exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited (${signal ?? code}) before it was ready; output:\n${out.slice(-3000)}`));
    });
    onOutput();
  });
  return app;
}
