import type { GraphEvent } from "../graph/metrics.js";
import type { Store } from "../store/database.js";
import { addGraphUsage, type GraphUsageCount, minuteOf, pruneGraphUsage } from "../store/graph-usage.js";

/** Minutes of counts kept in the store: the overview reads the last hour; a day leaves room to look back. */
const KEEP_MS = 24 * 60 * 60_000;

/**
 * Counts one process's Graph requests and 429 answers per connection and minute, in memory, and adds them to
 * the store when asked (`flush`, every few seconds and on stop): HTTP exchanges with Graph, retries included,
 * and 429s, inner requests of a $batch included. Give `count` to StoredClients as its per-connection listener.
 */
export class GraphUsage {
  private counts = new Map<string, GraphUsageCount>();

  constructor(
    private readonly db: Store,
    private readonly now: () => Date = () => new Date(),
  ) {}

  /** One event of a connection's Graph client. Synchronous and never throws (it runs in the request path). */
  count = (connectionId: string, event: GraphEvent): void => {
    if (event.type !== "request" && event.type !== "throttled") return;
    const minute = minuteOf(this.now());
    const key = `${connectionId} ${minute}`;
    const entry = this.counts.get(key) ?? { connectionId, minute, requests: 0, throttled: 0 };
    if (event.type === "request") entry.requests++;
    else entry.throttled++;
    this.counts.set(key, entry);
  };

  /** Adds what was counted since the last flush to the store, and forgets minutes older than a day. */
  async flush(): Promise<void> {
    const counts = [...this.counts.values()];
    this.counts = new Map();
    try {
      await addGraphUsage(this.db, counts);
    } catch (error) {
      // Kept for the next flush rather than lost.
      for (const count of counts) this.merge(count);
      throw error;
    }
    await pruneGraphUsage(this.db, new Date(this.now().getTime() - KEEP_MS));
  }

  private merge(count: GraphUsageCount): void {
    const key = `${count.connectionId} ${count.minute}`;
    const entry = this.counts.get(key);
    if (!entry) this.counts.set(key, { ...count });
    else {
      entry.requests += count.requests;
      entry.throttled += count.throttled;
    }
  }
}
