import { packJson, unpackJsonSync } from './packed-json.js';
import { createHash } from 'node:crypto';
import type { DataQualityIssue } from '../condoit/client.js';
import type { Equipment, Facility } from '../condoit/schema.js';
import type { Collections } from './collections.js';
import type { SnapshotChunkDoc, SnapshotDoc } from './documents.js';

export const SNAPSHOT_CHUNK_SIZE = 500;

export interface SnapshotRef {
  snapshotId: string;
  hash: string;
  equipmentCount: number;
  dataQualityIssueCount: number;
  /** True when this exact content was already stored (nothing was written). */
  reused: boolean;
}

/** Hash of the facility's Condoit content; equal content ⇒ equal hash, whatever the fetch time. */
export function snapshotHash(facility: Facility, equipment: readonly Equipment[], issues: readonly DataQualityIssue[]): string {
  const h = createHash('sha256');
  h.update(JSON.stringify(facility));
  for (const e of equipment) h.update(JSON.stringify(e));
  h.update(JSON.stringify(issues));
  return h.digest('hex');
}

/** A snapshot's id: content-addressed by the facility and the hash of its data. */
export const snapshotIdOf = (facilityId: string, hash: string): string => `${facilityId}:${hash.slice(0, 24)}`;

export class SnapshotRepository {
  constructor(private readonly c: Collections) {}

  /**
   * Stores a facility snapshot, content-addressed and idempotent: chunks first, the header last, so a header
   * exists only for a complete snapshot and a retried activity simply rewrites the same documents.
   */
  async save(
    facility: Facility,
    equipment: readonly Equipment[],
    issues: readonly DataQualityIssue[],
    fetchedAt = new Date(),
  ): Promise<SnapshotRef> {
    const hash = snapshotHash(facility, equipment, issues);
    const snapshotId = snapshotIdOf(facility.id, hash);
    const ref = { snapshotId, hash, equipmentCount: equipment.length, dataQualityIssueCount: issues.length };
    if (await this.c.snapshots.findOne({ _id: snapshotId }, { projection: { _id: 1 } })) return { ...ref, reused: true };

    const chunkCount = Math.ceil(equipment.length / SNAPSHOT_CHUNK_SIZE);
    for (let i = 0; i < chunkCount; i += 4) {
      const ops = [];
      for (let k = i; k < Math.min(chunkCount, i + 4); k++) {
        const doc: SnapshotChunkDoc = {
          _id: `${snapshotId}:${k}`,
          snapshot_id: snapshotId,
          index: k,
          equipment_z: packJson(JSON.stringify(equipment.slice(k * SNAPSHOT_CHUNK_SIZE, (k + 1) * SNAPSHOT_CHUNK_SIZE))),
        };
        ops.push({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } });
      }
      await this.c.snapshotChunks.bulkWrite(ops, { ordered: false });
    }
    const header: SnapshotDoc = {
      _id: snapshotId,
      facility_id: facility.id,
      hash,
      facility,
      equipment_count: equipment.length,
      chunk_count: chunkCount,
      data_quality_issues: issues.slice(0, 1000),
      fetched_at: fetchedAt,
    };
    await this.c.snapshots.replaceOne({ _id: snapshotId }, header, { upsert: true });
    return { ...ref, reused: false };
  }

  header(snapshotId: string): Promise<SnapshotDoc | null> {
    return this.c.snapshots.findOne({ _id: snapshotId });
  }

  /** The snapshot's equipment, chunk by chunk in order, each read by _id (never the whole facility in one array). */
  async *equipmentChunks(header: Pick<SnapshotDoc, '_id' | 'chunk_count'>): AsyncGenerator<Equipment[]> {
    for (let k = 0; k < header.chunk_count; k++) {
      const chunk = await this.c.snapshotChunks.findOne({ _id: `${header._id}:${k}` });
      if (!chunk) throw new Error(`snapshot ${header._id} is missing chunk ${k} of ${header.chunk_count}`);
      yield JSON.parse(unpackJsonSync(chunk.equipment_z)) as Equipment[];
    }
  }
}
