/**
 * A first assessment's trend: the 11 months before it, each scored from the same snapshot at the month's last
 * instant with the records as they stood then (domain/records-as-of.ts). A month in which the facility had no
 * equipment yet gets no point. Costs 11 more scorings of the snapshot, once per facility.
 */
import { previousMonthEnds } from '../domain/month-ends.js';
import type { Facility } from '../domain/inputs.js';
import { HISTORY_MONTHS, historyPoint, trendValues } from '../results/history-point.js';
import type { HistoryPoint, SnapshotDoc } from '../store/documents.js';
import type { SnapshotRepository } from '../store/snapshot-repository.js';
import { scoreSnapshot } from '../results/score-snapshot.js';

export async function reconstructTrend(
  snapshots: SnapshotRepository,
  header: SnapshotDoc,
  facility: Facility,
  asOf: number,
  onMonth: () => void = () => {},
): Promise<HistoryPoint[]> {
  const points: HistoryPoint[] = [];
  for (const monthEnd of previousMonthEnds(asOf, HISTORY_MONTHS - 1)) {
    const { out, equipmentCount } = await scoreSnapshot(facility, snapshots.equipmentChunks(header), monthEnd, { recordsAsOf: true });
    onMonth();
    if (equipmentCount === 0) continue;
    points.push(historyPoint(trendValues(out), { asOf: new Date(monthEnd), snapshotId: header._id, reconstructed: true }));
  }
  return points;
}
