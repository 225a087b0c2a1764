import { packJson, unpackJson } from '../store/packed-json.js';
import { recordFacilityChange } from './facility-directory.js';
import { facilityBody, type FacilityBodies } from './bodies.js';
import type { FacilityResource } from './result-keys.js';
import type { Collections } from '../store/collections.js';
import type {
  EquipmentListChunkDoc,
  EquipmentListEntry,
  EquipmentLocatorDoc,
  FacilityResultDoc,
  HistoryPoint,
} from '../store/documents.js';
import { chunkEntries } from './equipment-listing.js';
import { detailChunkIds, EquipmentDetailWriter } from './equipment-details.js';
import { insertIgnoringDuplicates } from '../store/insert-ignoring-duplicates.js';
import { mergeHistory } from './history-point.js';
import type { ImmutableReads } from './immutable-reads.js';

/**
 * Facility and equipment results: written by the scoring activity, read by the API. Every read and write is by
 * `_id` (the facility, `<assessment_id>:<equipment_id>`, `<assessment_id>:<chunk>`), so its cost does not grow with
 * the portfolio — on MongoDB and on FerretDB's SQLite backend alike, where other filters scan the collection.
 */
export class FacilityResults {
  /** `reads`: the API's cache of immutable assessment documents (results/immutable-reads.ts); the worker has none. */
  constructor(
    private readonly c: Collections,
    private readonly reads?: ImmutableReads,
  ) {}

  /**
   * A writer of an assessment's equipment details (results/equipment-details.ts). Ids are the assessment's own and
   * the content is a pure function of the snapshot and the workflow's `asOf`, so a retried activity finds its
   * documents already there, identical: duplicates are skipped, never rewritten.
   */
  detailWriter(assessmentId: string, facilityId: string, equipmentCount: number): EquipmentDetailWriter {
    return new EquipmentDetailWriter(this.c, assessmentId, facilityId, equipmentCount);
  }

  /** Writes the assessment's equipment listing in chunks; returns how many (the facility result records it). */
  async writeListing(assessmentId: string, facilityId: string, entries: readonly EquipmentListEntry[]): Promise<number> {
    const chunks: EquipmentListChunkDoc[] = chunkEntries(entries).map((part, index) => ({
      _id: `${assessmentId}:${index}`,
      facility_id: facilityId,
      assessment_id: assessmentId,
      index,
      entries_z: packJson(JSON.stringify(part)),
    }));
    await insertIgnoringDuplicates(this.c.equipmentLists, chunks);
    return chunks.length;
  }

  /**
   * Makes a completed assessment the facility's current result: one document replace is the switch-over (readers
   * see the old result or the new one, never a mix; a failed run never gets here, so the last good result stays).
   * The trend points the assessment makes (its month's; for a first assessment also the reconstructed earlier
   * months) are merged into the trend on the same document. Then points new equipment and photos at the
   * facility, and removes the superseded assessment's equipment documents by _id.
   */
  async publish(
    doc: Omit<FacilityResultDoc, 'history' | 'superseded'>,
    entries: readonly EquipmentListEntry[],
    points: readonly HistoryPoint[],
  ): Promise<void> {
    const previous = await this.c.facilityResults.findOne(
      { _id: doc._id },
      { projection: { assessment_id: 1, equipment_list_chunks: 1, equipment_detail: 1, history: 1, superseded: 1 } },
    );
    const history = mergeHistory(previous?.history ?? [], points);
    // Retried after the switch-over landed: the document already names what it replaced.
    const superseded = !previous
      ? null
      : previous.assessment_id === doc.assessment_id
        ? (previous.superseded ?? null)
        : {
            assessment_id: previous.assessment_id,
            equipment_list_chunks: previous.equipment_list_chunks,
            equipment_detail: previous.equipment_detail,
          };
    const old = superseded ? await this.listEntries(superseded.assessment_id, superseded.equipment_list_chunks) : [];

    await this.c.facilityResults.replaceOne({ _id: doc._id }, { ...doc, history, superseded }, { upsert: true });
    // A retried publish records the change again: directories re-read the facility twice, harmlessly.
    await recordFacilityChange(this.c, doc._id);
    await this.locate(doc._id, entries, new Set(old.map((e) => e.equipment_id)));
    if (superseded) {
      await this.removeAssessment(superseded);
      await this.c.facilityResults.updateOne({ _id: doc._id }, { $set: { superseded: null } });
    }
  }

  current(facilityId: string): Promise<FacilityResultDoc | null> {
    return this.c.facilityResults.findOne({ _id: facilityId });
  }

  /** Whether the facility has a published result (a first assessment reconstructs its trend). */
  async exists(facilityId: string): Promise<boolean> {
    return (await this.c.facilityResults.findOne({ _id: facilityId }, { projection: { _id: 1 } })) !== null;
  }

  /** The facility's trend and the assessment it rides on, or null when the facility has no result. */
  history(facilityId: string): Promise<Pick<FacilityResultDoc, '_id' | 'assessment_id' | 'history'> | null> {
    return this.c.facilityResults.findOne({ _id: facilityId }, { projection: { assessment_id: 1, history: 1 } });
  }

  /**
   * Replaces the facility's trend, only while `assessmentId` is still its current result: a publish that landed
   * since the trend was read wins (its trend was merged from the stored one), and the caller reads again.
   */
  async replaceHistory(facilityId: string, assessmentId: string, history: readonly HistoryPoint[]): Promise<boolean> {
    const r = await this.c.facilityResults.updateOne({ _id: facilityId, assessment_id: assessmentId }, { $set: { history: [...history] } });
    if (r.matchedCount === 1) await recordFacilityChange(this.c, facilityId);
    return r.matchedCount === 1;
  }

  /** One of the facility's contract bodies (results/bodies.ts), or null when no assessment has completed yet. */
  async body<R extends FacilityResource>(facilityId: string, resource: R): Promise<FacilityBodies[R] | null> {
    const doc = await this.current(facilityId);
    return doc ? facilityBody(doc, resource) : null;
  }

  /** An assessment's listing entries, in chunk order. */
  async listEntries(assessmentId: string, chunks: number): Promise<readonly EquipmentListEntry[]> {
    const read = async () => {
      const docs = await Promise.all(
        Array.from({ length: chunks }, (_, i) => this.c.equipmentLists.findOne({ _id: `${assessmentId}:${i}` })),
      );
      const texts = await Promise.all(docs.map((d) => (d ? unpackJson(d.entries_z) : '[]')));
      return { entries: texts.flatMap((t) => JSON.parse(t) as EquipmentListEntry[]), complete: docs.every((d) => d !== null) };
    };
    if (!this.reads) return (await read()).entries;
    let partial: readonly EquipmentListEntry[] = [];
    const cached = await this.reads.listing(assessmentId, async () => {
      const r = await read();
      partial = r.entries;
      return r.complete ? r.entries : null;
    });
    return cached ?? partial;
  }

  /** Locators for equipment (and their photos) that the facility's previous assessment did not have. */
  private async locate(facilityId: string, entries: readonly EquipmentListEntry[], known: ReadonlySet<string>): Promise<void> {
    const fresh = entries.filter((e) => !known.has(e.equipment_id));
    const locators: EquipmentLocatorDoc[] = [];
    for (const e of fresh) {
      locators.push({ _id: `e:${e.equipment_id}`, facility_id: facilityId, equipment_id: e.equipment_id });
      for (const p of e.photo_ids) locators.push({ _id: `p:${p}`, facility_id: facilityId, equipment_id: e.equipment_id });
    }
    // Already there: a retried publish, or equipment that moved from another facility — repoint it.
    const existing = await insertIgnoringDuplicates(this.c.equipmentLocators, locators);
    for (const l of locators.filter((x) => existing.has(x._id)))
      await this.c.equipmentLocators.replaceOne({ _id: l._id }, l, { upsert: true });
  }

  /** Removes a superseded assessment's equipment details and listing chunks, by `_id`. */
  private async removeAssessment(superseded: NonNullable<FacilityResultDoc['superseded']>): Promise<void> {
    const details = detailChunkIds(superseded.assessment_id, superseded.equipment_detail);
    for (const ids of chunkEntries(details, 1_000)) {
      await this.c.equipmentResults.bulkWrite(
        ids.map((_id) => ({ deleteOne: { filter: { _id } } })),
        { ordered: false },
      );
    }
    for (let i = 0; i < superseded.equipment_list_chunks; i++)
      await this.c.equipmentLists.deleteOne({ _id: `${superseded.assessment_id}:${i}` });
  }
}
