/**
 * An in-process cache of what an assessment stores once and never changes: its equipment listing (parsed) and its
 * equipment detail chunks. Their ids carry the assessment id and their contents are a pure function of the
 * snapshot and the workflow's `asOf` (a retried activity rewrites nothing), so an entry can never be stale: a new
 * assessment has new ids, and a superseded one's entries are simply no longer asked for and age out.
 *
 * Without it every `GET /v1/facilities/{id}/equipment` read and parsed the facility's listing chunks and every
 * `GET /v1/equipment/{id}` read a ~100-item detail chunk (20–30 ms per request at 100 equipment: bench/README.md,
 * "History benchmark"). Bounded by entry count; only complete reads are kept (a chunk still being written is read
 * again next time).
 */
import { LruCache } from '../cache/lru.js';
import type { EquipmentDetailChunkDoc, EquipmentListEntry } from '../store/documents.js';

/** Entries never expire by time (they cannot go stale); the count bounds memory. */
const NEVER = Number.MAX_SAFE_INTEGER / 2;

export interface ImmutableReadLimits {
  /** Parsed listings kept (one per assessment: ~0.3 KB per equipment, ~30 KB for 100). */
  listings: number;
  /** Detail chunks kept (up to DETAIL_CHUNK_ITEMS items each, details deflated: ~1–2 KB per item, ~0.1–0.2 MB a chunk). */
  detailChunks: number;
}

/** ~4 MB of listings and ~25–50 MB of detail chunks per API replica at 100 equipment per facility. */
export const DEFAULT_IMMUTABLE_READ_LIMITS: ImmutableReadLimits = { listings: 128, detailChunks: 256 };

export class ImmutableReads {
  private readonly listings: LruCache<readonly EquipmentListEntry[]>;
  private readonly chunks: LruCache<readonly EquipmentDetailChunkDoc[]>;

  constructor(limits: ImmutableReadLimits = DEFAULT_IMMUTABLE_READ_LIMITS) {
    this.listings = new LruCache(limits.listings, NEVER);
    this.chunks = new LruCache(limits.detailChunks, NEVER);
  }

  /** The assessment's listing entries; `load` returns null when a chunk is missing (then nothing is kept). */
  async listing(
    assessmentId: string,
    load: () => Promise<readonly EquipmentListEntry[] | null>,
  ): Promise<readonly EquipmentListEntry[] | null> {
    const hit = this.listings.get(assessmentId, 0);
    if (hit) return hit;
    const entries = await load();
    if (entries) this.listings.set(assessmentId, entries, 0);
    return entries;
  }

  /** The parts of one detail chunk (key: its first part's id); `load` returns null when a part is missing. */
  async detailChunk(
    key: string,
    load: () => Promise<readonly EquipmentDetailChunkDoc[] | null>,
  ): Promise<readonly EquipmentDetailChunkDoc[] | null> {
    const hit = this.chunks.get(key, 0);
    if (hit) return hit;
    const docs = await load();
    if (docs) this.chunks.set(key, docs, 0);
    return docs;
  }
}
