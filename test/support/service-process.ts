/**
 * Runs one of our entry points (api/main.ts, workers/main.ts, cli/main.ts) as a real child process through tsx,
 * keeping its stdout lines so tests can read what operators would see.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { projectRoot } from '../../devstack/paths.js';

export const tsxBin = join(projectRoot, 'node_modules', '.bin', 'tsx');

export interface ServiceProcess {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  waitForLine(match: (line: string) => boolean, timeoutMs?: number): Promise<string>;
  stop(): Promise<void>;
}

export function spawnService(script: string, env: Record<string, string>): ServiceProcess {
  const child = spawn(tsxBin, [script], { cwd: projectRoot, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const split = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const parts = (rest + chunk.toString()).split('\n');
      rest = parts.pop() ?? '';
      into.push(...parts.filter(Boolean));
    };
  };
  child.stdout.on('data', split(stdout));
  child.stderr.on('data', split(stderr));
  return {
    child,
    stdout,
    stderr,
    async waitForLine(match, timeoutMs = 120_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = stdout.find(match);
        if (found) return found;
        if (child.exitCode !== null) throw new Error(`${script} exited (${child.exitCode}): ${[...stdout, ...stderr].slice(-20).join('\n')}`);
        if (Date.now() > deadline) throw new Error(`${script}: no matching line within ${timeoutMs} ms; last lines:\n${[...stdout, ...stderr].slice(-20).join('\n')}`);
        await new Promise((r) => setTimeout(r, 100));
      }
    },
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 15_000).unref();
      }),
  };
}

/** A port nothing listens on right now (the OS picks it). */
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
