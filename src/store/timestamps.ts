import type { Timestamp } from "./schema.js";

/** A point in time as callers hand it to the store: a Date or an ISO-8601 string with a zone or offset. */
export type Instant = Date | string;

/**
 * The one way the store writes time: UTC ISO-8601 with milliseconds. A single fixed-width format keeps
 * text comparisons (lease expiry, ordering) equal to time comparisons in SQLite and PostgreSQL alike.
 */
export function toTimestamp(instant: Instant): Timestamp {
  const date = typeof instant === "string" ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new RangeError(`not a valid instant: ${String(instant)}`);
  return date.toISOString();
}

export function toOptionalTimestamp(instant: Instant | null | undefined): Timestamp | null {
  return instant === null || instant === undefined ? null : toTimestamp(instant);
}
