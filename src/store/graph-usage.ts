import type { Store } from "./database.js";
import { type Instant, toTimestamp } from "./timestamps.js";

/**
 * Graph requests and 429 answers per connection and minute (migration 010). Every process that calls Graph
 * (serve, its worker, `crosscal worker`) counts in memory and adds its counts here every few seconds, so
 * the overview sees what all of them did.
 */

export interface GraphUsageCount {
  connectionId: string;
  /** The minute, as "2025-03-01T09:04" (UTC). */
  minute: string;
  requests: number;
  throttled: number;
}

/** The minute an instant falls in, as graph_usage keys it. */
export const minuteOf = (instant: Instant): string => toTimestamp(instant).slice(0, 16);

/** Adds counts to the stored ones, in one statement (rows of the same connection and minute add up). */
export async function addGraphUsage(db: Store, counts: readonly GraphUsageCount[]): Promise<void> {
  if (counts.length === 0) return;
  await db
    .insertInto("graphUsage")
    .values([...counts])
    .onConflict((conflict) =>
      conflict.columns(["connectionId", "minute"]).doUpdateSet((eb) => ({
        requests: eb("graphUsage.requests", "+", eb.ref("excluded.requests")),
        throttled: eb("graphUsage.throttled", "+", eb.ref("excluded.throttled")),
      })),
    )
    .execute();
}

/** Each connection's requests and 429s from the minute of `since` on. */
export async function graphUsageSince(
  db: Store,
  since: Instant,
): Promise<Array<{ connectionId: string; requests: number; throttled: number }>> {
  const rows = await db
    .selectFrom("graphUsage")
    .select((eb) => [
      "connectionId",
      eb.fn.sum<number | string>("requests").as("requests"),
      eb.fn.sum<number | string>("throttled").as("throttled"),
    ])
    .where("minute", ">=", minuteOf(since))
    .groupBy("connectionId")
    .execute();
  // PostgreSQL's sum of integers is a bigint, which pg hands over as text.
  return rows.map((row) => ({
    connectionId: row.connectionId,
    requests: Number(row.requests),
    throttled: Number(row.throttled),
  }));
}

/** Forgets the minutes before `before`. */
export async function pruneGraphUsage(db: Store, before: Instant): Promise<void> {
  await db.deleteFrom("graphUsage").where("minute", "<", minuteOf(before)).execute();
}
