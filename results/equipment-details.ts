/**
 * Where an assessment's equipment details are stored: in chunks of about DETAIL_CHUNK_ITEMS items, not one document
 * per item. Each document costs MongoDB — and FerretDB far more: ~0.5 ms to insert and ~1 ms to delete, against a
 * few µs per item inside a chunk — so a facility of 100 items is written as one document instead of 100, and its
 * superseded result removed with one delete instead of 100.
 *
 * An item's chunk is a hash of its equipment id modulo the assessment's chunk count (fixed from the snapshot's
 * equipment count before scoring), so a reader finds it from the facility document alone. Items are written as
 * the scoring produces them; while the buffered (deflated) details stay under `maxBufferedBytes` each chunk is written once at
 * the end (one part); past it every chunk buffered so far is written as a further part — so a writer's memory is
 * bounded whatever the facility's size, and a reader reads the parts of one chunk with one `$in` (one part for any
 * facility up to tens of thousands of items).
 *
 * `_id` = `<assessment_id>:d<chunk>:<part>`. Contents are a pure function of the snapshot and the workflow's
 * `asOf`, so a retried activity rewrites nothing (duplicates are skipped).
 */
import type { Collections } from '../store/collections.js';
import type { EquipmentDetailChunkDoc, EquipmentDetailItem } from '../store/documents.js';
import { insertIgnoringDuplicates } from '../store/insert-ignoring-duplicates.js';
import type { ImmutableReads } from './immutable-reads.js';

export const DETAIL_CHUNK_ITEMS = 100;
const DEFAULT_MAX_BUFFERED_BYTES = 16 * 1024 * 1024;

/** Where an assessment's details are: how many chunks, and how many parts each. */
export interface DetailLayout {
  chunks: number;
  parts: number;
}

export const detailChunkCount = (equipmentCount: number) => Math.max(1, Math.ceil(equipmentCount / DETAIL_CHUNK_ITEMS));

/** FNV-1a (32-bit) of the id: stable across processes and releases — it decides where stored items are. */
export function detailChunkOf(equipmentId: string, chunks: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < equipmentId.length; i++) {
    h ^= equipmentId.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % chunks;
}

export const detailChunkId = (assessmentId: string, chunk: number, part: number) => `${assessmentId}:d${chunk}:${part}`;

/** Every document id of an assessment's details (to remove a superseded assessment). */
export function detailChunkIds(assessmentId: string, layout: DetailLayout): string[] {
  const ids: string[] = [];
  for (let k = 0; k < layout.chunks; k++) for (let p = 0; p < layout.parts; p++) ids.push(detailChunkId(assessmentId, k, p));
  return ids;
}

export class EquipmentDetailWriter {
  private buffers: EquipmentDetailItem[][];
  private buffered = 0;
  private parts = 0;
  readonly chunks: number;

  constructor(
    private readonly c: Collections,
    private readonly assessmentId: string,
    private readonly facilityId: string,
    equipmentCount: number,
    private readonly maxBufferedBytes = DEFAULT_MAX_BUFFERED_BYTES,
  ) {
    this.chunks = detailChunkCount(equipmentCount);
    this.buffers = Array.from({ length: this.chunks }, () => []);
  }

  async add(items: readonly EquipmentDetailItem[]): Promise<void> {
    for (const item of items) {
      this.buffers[detailChunkOf(item.equipment_id, this.chunks)]!.push(item);
      this.buffered += item.detail_z.length();
    }
    if (this.buffered > this.maxBufferedBytes) await this.flush();
  }

  /** Writes what is buffered; returns where the details are. */
  async finish(): Promise<DetailLayout> {
    if (this.buffered > 0 || this.parts === 0) await this.flush();
    return { chunks: this.chunks, parts: this.parts };
  }

  private async flush(): Promise<void> {
    const part = this.parts;
    const docs: EquipmentDetailChunkDoc[] = this.buffers.map((items, k) => ({
      _id: detailChunkId(this.assessmentId, k, part),
      facility_id: this.facilityId,
      assessment_id: this.assessmentId,
      items,
    }));
    await insertIgnoringDuplicates(this.c.equipmentResults, docs);
    this.parts += 1;
    this.buffers = Array.from({ length: this.chunks }, () => []);
    this.buffered = 0;
  }
}

/**
 * One item's stored detail, from the assessment's layout (reads by `_id`). With `reads` (the API's cache of
 * immutable assessment documents) a chunk read once, with every part present, is not read again.
 */
export async function readEquipmentDetail(
  c: Collections,
  assessmentId: string,
  layout: DetailLayout,
  equipmentId: string,
  reads?: ImmutableReads,
): Promise<EquipmentDetailItem | null> {
  const k = detailChunkOf(equipmentId, layout.chunks);
  const ids = Array.from({ length: layout.parts }, (_, p) => detailChunkId(assessmentId, k, p));
  const load = () => c.equipmentResults.find({ _id: { $in: ids } }).toArray();
  let docs: readonly EquipmentDetailChunkDoc[];
  if (reads) {
    let partial: readonly EquipmentDetailChunkDoc[] = [];
    docs =
      (await reads.detailChunk(ids[0]!, async () => {
        partial = await load();
        return partial.length === ids.length ? partial : null;
      })) ?? partial;
  } else docs = await load();
  for (const doc of docs) {
    const item = doc.items.find((i) => i.equipment_id === equipmentId);
    if (item) return item;
  }
  return null;
}
