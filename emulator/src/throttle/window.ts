/** Slices per window: the window slides in steps of windowMs / BUCKETS (10 s for Outlook's 10 minutes). */
const BUCKETS = 60;

/**
 * A sliding-window request counter for one (app, mailbox). Hand-written because it sits on every Graph
 * request: a fixed ring of time slices costs O(1) per hit and a few hundred bytes per key, where a list of
 * timestamps would grow to 10,000 entries per busy mailbox.
 */
export class SlidingWindow {
  private readonly counts = new Int32Array(BUCKETS);
  /** Absolute slice number each ring cell currently holds (-1: never used). */
  private readonly slices = new Float64Array(BUCKETS).fill(-1);
  private total = 0;

  constructor(private readonly windowMs: number) {}

  private get sliceMs(): number {
    return this.windowMs / BUCKETS;
  }

  /** Drops the slices that slid out of the window ending at `now`. */
  private expire(now: number): void {
    const current = Math.floor(now / this.sliceMs);
    for (let i = 0; i < BUCKETS; i++) {
      const slice = this.slices[i]!;
      if (slice >= 0 && slice <= current - BUCKETS) {
        this.total -= this.counts[i]!;
        this.counts[i] = 0;
        this.slices[i] = -1;
      }
    }
  }

  /** Counts one request at `now` and returns how many the window now holds (this one included). */
  hit(now: number): number {
    const slice = Math.floor(now / this.sliceMs);
    const cell = slice % BUCKETS;
    if (this.slices[cell] !== slice) {
      this.expire(now);
      this.slices[cell] = slice;
    }
    this.counts[cell]!++;
    this.total++;
    return this.total;
  }

  /** Requests counted in the window ending at `now`. */
  count(now: number): number {
    this.expire(now);
    return this.total;
  }

  /** Milliseconds from `now` until the window holds fewer than `limit` requests again. */
  msUntilBelow(limit: number, now: number): number {
    this.expire(now);
    if (this.total < limit) return 0;
    const cells = [...this.slices.keys()].filter((i) => this.slices[i]! >= 0);
    cells.sort((a, b) => this.slices[a]! - this.slices[b]!);
    let remaining = this.total;
    for (const cell of cells) {
      remaining -= this.counts[cell]!;
      if (remaining < limit) {
        const leavesAt = (this.slices[cell]! + BUCKETS) * this.sliceMs;
        return Math.max(0, leavesAt - now);
      }
    }
    return 0;
  }
}
