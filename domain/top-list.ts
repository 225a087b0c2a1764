/**
 * The first `limit` items of a stream under a comparator, kept in a bounded list: items are appended, and when
 * the list grows past 4 × limit it is sorted and cut back to `limit`. After a cut, the last kept item is a
 * floor: anything ranked at or after it already has `limit` items ahead of it that stay ahead, so it can never
 * be in the result and is not even built (callers test `admits` with a probe holding the compared fields).
 * The result is the same as sorting the whole stream (stably) and taking the first `limit`.
 */
export class TopList<T> {
  private items: T[] = [];
  private floor: T | undefined;

  constructor(
    private readonly compare: (a: T, b: T) => number,
    private readonly limit: number,
  ) {}

  admits(probe: T): boolean {
    return this.floor === undefined || this.compare(probe, this.floor) < 0;
  }

  add(item: T): void {
    if (!this.admits(item)) return;
    this.items.push(item);
    if (this.items.length > this.limit * 4) {
      this.items.sort(this.compare);
      this.items.length = this.limit;
      this.floor = this.items[this.limit - 1];
    }
  }

  result(): T[] {
    this.items.sort(this.compare);
    this.items.length = Math.min(this.items.length, this.limit);
    return this.items;
  }
}
