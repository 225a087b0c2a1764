/**
 * Where audit entries go when MongoDB cannot take them at shutdown: a JSON-lines file per stop in a local folder
 * (`AUDIT_SPILL_DIR`), one bucket (store/audit-entry.ts) a line, written to a temporary name and renamed, so a file
 * is either whole or absent. The next API process replays every file into MongoDB before it serves, then deletes
 * it. Buckets keep their `_id`, so a replay that is interrupted and repeated never writes an entry twice.
 */
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditBucketDoc, AuditEntry } from '../../store/audit-entry.js';

const SUFFIX = '.audit.jsonl';

type EntryLine = Omit<AuditEntry, 'at'> & { at: string };

/** One bucket as a line: dates as ISO text. */
function toLine(b: AuditBucketDoc): string {
  return JSON.stringify({ _id: b._id, hour: b.hour, entries: b.entries.map((e) => ({ ...e, at: e.at.toISOString() })) });
}

/** The buckets of a file's lines (dates back from ISO text). */
function bucketsOf(lines: string[]): AuditBucketDoc[] {
  return lines.map((line) => {
    const raw = JSON.parse(line) as { _id: string; hour: string; entries: EntryLine[] };
    return { _id: raw._id, hour: raw.hour, entries: raw.entries.map((e) => ({ ...e, at: new Date(e.at) })) };
  });
}

function ignoreMissing(err: unknown): null {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
  throw err;
}

export class AuditSpill {
  constructor(readonly dir: string) {}

  /** Writes the buckets to a new file; returns its path. */
  async save(buckets: readonly AuditBucketDoc[]): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}${SUFFIX}`;
    const path = join(this.dir, name);
    await writeFile(`${path}.tmp`, buckets.map(toLine).join('\n') + '\n', { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    return path;
  }

  /** Writes every saved file's buckets with `write`, deleting each file once it is written; a failure stops. */
  async replay(write: (buckets: AuditBucketDoc[]) => Promise<void>): Promise<{ files: number; entries: number }> {
    let names: string[];
    try {
      names = (await readdir(this.dir)).filter((n) => n.endsWith(SUFFIX)).sort();
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return { files: 0, entries: 0 };
      throw err;
    }
    let entries = 0;
    for (const name of names) {
      const path = join(this.dir, name);
      // Replicas sharing the folder may replay the same file at once: bucket ids make the second write a no-op,
      // and a file another replica already finished is skipped.
      const text = await readFile(path, 'utf8').catch(ignoreMissing);
      if (text === null) continue;
      const buckets = bucketsOf(text.split('\n').filter(Boolean));
      if (buckets.length) await write(buckets);
      await unlink(path).catch(ignoreMissing);
      entries += buckets.reduce((n, b) => n + b.entries.length, 0);
    }
    return { files: names.length, entries };
  }
}
