import type { CalendarEvent, CopyTag, EventContent, Side } from "./event.js";
import type { InstanceRef } from "./plan-input.js";

/**
 * The closed set of things a run can decide. The planner only produces these; the executor performs them
 * and the store records each one as a decision, so every outcome is explainable afterwards.
 */
export type Action =
  | {
      type: "create";
      sourceSide: Side;
      source: CalendarEvent;
      content: EventContent;
      contentHash: string;
      tag: CopyTag;
      transactionId: string;
    }
  | {
      type: "update";
      sourceSide: Side;
      sourceId: string;
      copyId: string;
      content: EventContent;
      contentHash: string;
      reason: "original-changed" | "copy-edited";
      /** The original's version the content was mapped from (recorded, so its echoes need no run). */
      sourceVersion?: string;
      /** Set when the copy is one instance of a copy series (an exception of the original series). */
      instance?: InstanceRef;
    }
  | {
      type: "delete";
      sourceSide: Side;
      sourceId: string;
      copyId: string;
      reason:
        | "original-deleted"
        | "original-cancelled"
        | "rules"
        | "orphan-copy"
        | "replaced-by-invitation"
        | "occurrence-cancelled";
    }
  | {
      type: "link";
      sourceSide: Side;
      sourceId: string;
      targetId: string;
      /** owned: the target is our copy (adopted after a crash); otherwise a meeting both mailboxes hold. */
      owned: boolean;
      reason: "same-icaluid" | "same-subject-and-time" | "adopt-copy";
      /** The meeting's iCalUId, remembered on the link. */
      iCalUId?: string;
    }
  | { type: "unlink"; sourceSide: Side; sourceId: string; reason: "original-deleted" | "counterpart-deleted" }
  | {
      type: "tombstone";
      sourceSide: Side;
      sourceId: string;
      /** The deleted copy, or the deleted other half of a meeting both mailboxes held. */
      copyId: string;
      reason: "copy-deleted" | "counterpart-deleted";
      iCalUId?: string;
    }
  | { type: "baseline"; sourceSide: Side; sourceId: string; iCalUId?: string }
  | { type: "skip"; side: Side; eventId: string; reason: SkipReason; detail?: string };

export type SkipReason =
  | "direction"
  | "outside-window"
  | "cancelled"
  | "rules"
  | "tombstoned"
  | "baseline"
  | "copy-of-other-profile";

export type ActionType = Action["type"];
