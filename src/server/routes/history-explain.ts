import type { DecisionEntry } from "../../store/history.js";
import type { Link } from "../../store/links.js";
import type { Side, TombstoneRow } from "../../store/schema.js";

/** What the history knows about one event id of a profile, as "why was this meeting (not) synced" reads it. */
export interface EventFacts {
  eventId: string;
  mailboxes: Record<Side, string>;
  link: Link | undefined;
  tombstone: TombstoneRow | undefined;
  /** The newest decision about the event, if any. */
  latest: DecisionEntry | undefined;
}

const other = (side: Side): Side => (side === "A" ? "B" : "A");

/** "2025-03-01 09:00 UTC": minutes are enough for a person reading why. */
export const when = (timestamp: string) => `${timestamp.slice(0, 16).replace("T", " ")} UTC`;

const SKIPS: Record<string, string> = {
  direction: "skipped: the sync does not copy from this mailbox (direction)",
  "outside-window": "skipped: it ended before the sync's window",
  cancelled: "skipped: it is cancelled",
  tombstoned: "skipped: not recreated after a person deleted its copy",
  baseline: "skipped: baseline of an only-new start",
  "copy vanished before its update": "skipped: its copy vanished before an update (a person deleted it)",
};

const DELETES: Record<string, string> = {
  "original-deleted": "the original was deleted",
  "original-cancelled": "the original was cancelled",
  rules: "the original no longer passes the sync's rules",
  "orphan-copy": "it was a copy whose original is gone",
  "replaced-by-invitation": "the invitation itself reached that mailbox",
  "occurrence-cancelled": "the occurrence was cancelled",
};

const UNLINKS: Record<string, string> = {
  "original-deleted": "the original was deleted",
  "counterpart-deleted": "the other mailbox's meeting was deleted",
};

const LINK_REASONS: Record<string, string> = {
  "same-icaluid": "same invitation",
  "same-subject-and-time": "same subject, start and end",
};

function fromTombstone(tombstone: TombstoneRow, facts: EventFacts): string {
  const target = other(tombstone.sourceSide);
  const at = when(tombstone.createdAt);
  switch (tombstone.reason) {
    case "baseline":
      return `not copied: baseline of an only-new start (already in ${tombstone.sourceSide} when the profile started, recorded ${at})`;
    case "copy-deleted":
      return `not recreated: a person deleted the copy in ${target} (${facts.mailboxes[target]}) on ${at}`;
    case "counterpart-deleted":
      return `not recreated: a person deleted this meeting from ${target} (${facts.mailboxes[target]}), which held it too, on ${at}`;
    default:
      return `not copied: tombstone "${tombstone.reason}" since ${at}`;
  }
}

function fromLink(link: Link, facts: EventFacts): string {
  const target = other(link.sourceSide);
  const latest = facts.latest;
  if (!link.owned) {
    const why = latest?.action === "link" ? LINK_REASONS[latest.reason] : undefined;
    return `not copied: ${target} (${facts.mailboxes[target]}) already holds the same meeting${why ? ` (${why})` : ""}; linked on ${when(link.createdAt)}`;
  }
  const updated =
    link.updatedAt === link.createdAt ? "not changed since" : `last updated ${when(link.updatedAt)}`;
  const restored =
    latest?.action === "restore" ? `; restored on ${when(latest.at)} after a person edited the copy` : "";
  if (link.copyId === facts.eventId && link.sourceId !== facts.eventId) {
    return `crosscal's copy of an original in ${link.sourceSide} (${facts.mailboxes[link.sourceSide]}), written on ${when(link.createdAt)}, ${updated}${restored}`;
  }
  return `copied to ${target} (${facts.mailboxes[target]}) on ${when(link.createdAt)}, ${updated}${restored}`;
}

function fromDecision(decision: DecisionEntry): string {
  const at = when(decision.at);
  const target = other(decision.side);
  switch (decision.action) {
    case "skip": {
      const [reason = "", detail] = decision.reason.split(/: (.*)/s);
      if (reason === "rules" && detail) return `skipped: rule '${detail}' (${at})`;
      if (reason === "copy-of-other-profile") return `skipped: a copy written by another profile (${at})`;
      return `${SKIPS[decision.reason] ?? `skipped: ${decision.reason}`} (${at})`;
    }
    case "delete":
      return `copy in ${target} deleted on ${at}: ${DELETES[decision.reason] ?? decision.reason}`;
    case "unlink":
      return `no longer linked since ${at}: ${UNLINKS[decision.reason] ?? decision.reason}`;
    case "baseline":
      return `not copied: baseline of an only-new start (${at})`;
    default:
      return `${decision.action} on ${at} (${decision.reason})`;
  }
}

/**
 * One plain-language line: the tombstone first (it decides every future run), then the link (the event is
 * in sync), else the newest decision (skipped, or its copy removed).
 */
export function explain(facts: EventFacts): string {
  if (facts.tombstone) return fromTombstone(facts.tombstone, facts);
  if (facts.link) return fromLink(facts.link, facts);
  if (facts.latest) return fromDecision(facts.latest);
  return "crosscal has no record of this event";
}
