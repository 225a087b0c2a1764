/** Prints the reliability suite's ledger (test/support/reliability-log.ts) as a table; run by scripts/test.sh. */
import { existsSync, readFileSync } from 'node:fs';
import { trialsFile, type Trial } from '../support/reliability-log.js';

if (!existsSync(trialsFile)) {
  console.log('[reliability] no trials recorded (the reliability tests did not run)');
  process.exit(0);
}
const rows = readFileSync(trialsFile, 'utf8')
  .split('\n')
  .filter(Boolean)
  .map((l) => JSON.parse(l) as Trial);
const order = { fault: 0, attack: 1, load: 2 } as const;
rows.sort((a, b) => order[a.kind] - order[b.kind]);
const cells = rows.map((r) => [
  r.kind,
  r.name,
  String(r.tries),
  String(r.survived),
  r.lost === 0 ? 'nothing' : String(r.lost),
  r.note ?? '',
]);
const head = ['kind', 'fault or attack', 'tries', 'survived', 'lost', 'note'];
const widths = head.map((h, i) => Math.min(i === 5 ? 60 : 80, Math.max(h.length, ...cells.map((c) => c[i]!.length))));
const line = (c: string[]) => `| ${c.map((v, i) => (i >= 2 && i <= 4 ? v.padStart(widths[i]!) : v.padEnd(widths[i]!))).join(' | ')} |`;
console.log('\n[reliability] what was tried and what survived');
console.log(line(head));
console.log(`|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`);
for (const c of cells) console.log(line(c));
const failed = rows.filter((r) => r.survived < r.tries || r.lost > 0);
console.log(
  `[reliability] ${rows.length} trials, ${rows.reduce((s, r) => s + r.tries, 0)} tries, ${failed.length} with failures or losses`,
);
