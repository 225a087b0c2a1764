/**
 * Follows a run until it reaches a final status: a progress bar on an interactive terminal, one plain line per
 * change otherwise (CI logs, pipes). Progress goes to stderr; the result is the caller's to print.
 */
import { SingleBar, Presets } from 'cli-progress';
import { CliError, ExitCode } from './exit-codes.js';

export interface ProgressSnapshot {
  status: string;
  percent: number;
  /** What the run is doing, e.g. "fetching" or "12/50 assessed". */
  detail: string;
}

const finalStatuses = new Set(['completed', 'failed', 'cancelled']);

export async function followUntilDone<T>(
  poll: () => Promise<T>,
  progressOf: (value: T) => ProgressSnapshot,
  o: { label: string; timeoutMs: number; intervalMs?: number; stream?: NodeJS.WriteStream },
): Promise<T> {
  const stream = o.stream ?? process.stderr;
  const bar = stream.isTTY
    ? new SingleBar(
        { format: `${o.label} [{bar}] {percentage}% | {status} {detail}`, stream, hideCursor: true, clearOnComplete: false },
        Presets.shades_classic,
      )
    : null;
  const deadline = Date.now() + o.timeoutMs;
  let last = '';
  bar?.start(100, 0, { status: 'queued', detail: '' });
  try {
    for (;;) {
      const value = await poll();
      const p = progressOf(value);
      if (bar) bar.update(Math.round(p.percent), { status: p.status, detail: p.detail });
      else {
        const line = `${o.label}: ${p.status} ${Math.round(p.percent)}%${p.detail ? ` ${p.detail}` : ''}`;
        if (line !== last) stream.write(`${line}\n`);
        last = line;
      }
      if (finalStatuses.has(p.status)) return value;
      if (Date.now() > deadline)
        throw new CliError(
          ExitCode.FAILED,
          'TIMEOUT',
          `${o.label} is still ${p.status} after ${Math.round(o.timeoutMs / 1000)} s (it keeps running; follow it again with its id)`,
        );
      await new Promise((r) => setTimeout(r, o.intervalMs ?? 500));
    }
  } finally {
    bar?.stop();
  }
}
