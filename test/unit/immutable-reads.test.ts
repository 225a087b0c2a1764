import { describe, expect, it } from 'vitest';
import { ImmutableReads } from '../../results/immutable-reads.js';
import type { EquipmentDetailChunkDoc, EquipmentListEntry } from '../../store/documents.js';

const entry = (id: string) => ({ equipment_id: id }) as EquipmentListEntry;
const chunk = (id: string) => ({ _id: id, items: [] }) as unknown as EquipmentDetailChunkDoc;

describe('ImmutableReads: what an assessment stored once is read from MongoDB once', () => {
  it('a complete listing is read once, then served from memory', async () => {
    const reads = new ImmutableReads({ listings: 4, detailChunks: 4 });
    let loads = 0;
    const load = async () => (loads++, [entry('eq-1'), entry('eq-2')]);
    expect((await reads.listing('asm-1', load))?.map((e) => e.equipment_id)).toEqual(['eq-1', 'eq-2']);
    expect((await reads.listing('asm-1', load))?.map((e) => e.equipment_id)).toEqual(['eq-1', 'eq-2']);
    expect(loads).toBe(1);
  });

  it('a read that found a chunk missing (still being written) is not kept: the next read goes to MongoDB again', async () => {
    const reads = new ImmutableReads({ listings: 4, detailChunks: 4 });
    let loads = 0;
    const incomplete = async () => (loads++, null);
    expect(await reads.detailChunk('asm-1:d0:0', incomplete)).toBeNull();
    const complete = async () => (loads++, [chunk('asm-1:d0:0')]);
    expect(await reads.detailChunk('asm-1:d0:0', complete)).toHaveLength(1);
    expect(await reads.detailChunk('asm-1:d0:0', complete)).toHaveLength(1);
    expect(loads).toBe(2);
  });

  it('memory is bounded by count: the least recently read assessment is read again', async () => {
    const reads = new ImmutableReads({ listings: 2, detailChunks: 2 });
    const loaded: string[] = [];
    const read = (id: string) => reads.listing(id, async () => (loaded.push(id), [entry(id)]));
    await read('asm-1');
    await read('asm-2');
    await read('asm-1'); // asm-2 is now the least recent
    await read('asm-3'); // evicts asm-2
    await read('asm-1');
    await read('asm-2');
    expect(loaded).toEqual(['asm-1', 'asm-2', 'asm-3', 'asm-2']);
  });
});
