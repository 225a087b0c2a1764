/**
 * Where audit entries go when MongoDB cannot take them at shutdown: a JSON-lines file per stop in a local folder
 * (`AUDIT_SPILL_DIR`), written to a temporary name and renamed, so a file is either whole or absent. The next API
 * process replays every file into MongoDB before it serves, then deletes it. Entries keep their `_id`, so a replay
 * that is interrupted and repeated never writes an entry twice.
 */
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ObjectId } from 'mongodb';
import type { AuditEntry } from '../../store/audit-entry.js';

const SUFFIX = '.audit.jsonl';

/** One entry as a line: the date as ISO text, the id as hex. */
function toLine(e: AuditEntry): string {
  return JSON.stringify({ ...e, _id: (e._id ?? new ObjectId()).toHexString(), at: e.at.toISOString() });
}

function fromLine(line: string): AuditEntry {
  const raw = JSON.parse(line) as Omit<AuditEntry, '_id' | 'at'> & { _id: string; at: string };
  return { ...raw, _id: new ObjectId(raw._id), at: new Date(raw.at) };
}

function ignoreMissing(err: unknown): null {
  if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
  throw err;
}

export class AuditSpill {
  constructor(readonly dir: string) {}

  /** Writes the entries to a new file; returns its path. */
  async save(entries: readonly AuditEntry[]): Promise<string> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const name = `${new Date().toISOString().replace(/[:.]/g, '-')}-${process.pid}${SUFFIX}`;
    const path = join(this.dir, name);
    await writeFile(`${path}.tmp`, entries.map(toLine).join('\n') + '\n', { mode: 0o600 });
    await rename(`${path}.tmp`, path);
    return path;
  }

  /** Writes every saved file's entries with `insert`, deleting each file once it is written; a failure stops. */
  async replay(insert: (entries: AuditEntry[]) => Promise<void>): Promise<{ files: number; entries: number }> {
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
      // Replicas sharing the folder may replay the same file at once: ids make the second insert a no-op, and a
      // file another replica already finished is skipped.
      const text = await readFile(path, 'utf8').catch(ignoreMissing);
      if (text === null) continue;
      const lines = text.split('\n').filter(Boolean);
      if (lines.length) await insert(lines.map(fromLine));
      await unlink(path).catch(ignoreMissing);
      entries += lines.length;
    }
    return { files: names.length, entries };
  }
}
