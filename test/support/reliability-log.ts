/**
 * The reliability suite's ledger: every fault, attack and load trial appends one row (what was tried, how many
 * times, how many survived, anything lost) to .data/reliability/trials.jsonl; `test/tools/print-reliability-table.ts`
 * prints them as the table issue #6 asks for at the end of `npm test`.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { projectRoot } from '../../devstack/paths.js';

export type TrialKind = 'fault' | 'attack' | 'load';

export interface Trial {
  kind: TrialKind;
  /** What was tried, e.g. "worker SIGKILL during 100-facility portfolio". */
  name: string;
  tries: number;
  survived: number;
  /** Anything lost or duplicated (documents, runs, 202s without a run); 0 means nothing. */
  lost: number;
  note?: string;
}

export const trialsFile = join(projectRoot, '.data', 'reliability', 'trials.jsonl');

export function recordTrial(t: Trial): void {
  mkdirSync(dirname(trialsFile), { recursive: true });
  appendFileSync(trialsFile, `${JSON.stringify({ ...t, at: new Date().toISOString() })}\n`);
}
