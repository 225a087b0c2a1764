/**
 * A first assessment's trend: the 11 months before it, each scored from the same snapshot at the month's last
 * instant with the records as they stood then (domain/records-as-of.ts). A month in which the facility had no
 * equipment yet gets no point. Costs 11 more scorings of each item, once per facility, in one pass over the
 * snapshot's chunks (each read once).
 */
import { previousMonthEnds } from '../domain/month-ends.js';
import type { Facility } from '../domain/inputs.js';
import { HISTORY_MONTHS, historyPoint, trendValues } from '../results/history-point.js';
import type { HistoryPoint, SnapshotDoc } from '../store/documents.js';
import type { SnapshotRepository } from '../store/snapshot-repository.js';
import { scoreSnapshotAtEach } from '../results/score-snapshot.js';

export async function reconstructTrend(
  snapshots: SnapshotRepository,
  header: SnapshotDoc,
  facility: Facility,
  asOf: number,
  onMonth: () => void = () => {},
): Promise<HistoryPoint[]> {
  const monthEnds = previousMonthEnds(asOf, HISTORY_MONTHS - 1);
  const outcomes = await scoreSnapshotAtEach(facility, heartbeating(snapshots.equipmentChunks(header), onMonth), monthEnds);
  const points: HistoryPoint[] = [];
  outcomes.forEach(({ out, equipmentCount }, i) => {
    if (equipmentCount === 0) return;
    points.push(historyPoint(trendValues(out), { asOf: new Date(monthEnds[i]!), snapshotId: header._id, reconstructed: true }));
  });
  return points;
}

/** The chunks as they are, calling `beat` after each (the activity heartbeats while it scores). */
async function* heartbeating<T>(chunks: AsyncIterable<T>, beat: () => void): AsyncGenerator<T> {
  for await (const chunk of chunks) {
    yield chunk;
    beat();
  }
}
