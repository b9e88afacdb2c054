import type { Action } from "./actions.js";
import { contentHash, transactionIdFor } from "./content-hash.js";
import { type CopyDecision, decideCopy } from "./copy-decision.js";
import { type CalendarEvent, otherSide, type Side } from "./event.js";
import type { PlanIndex } from "./plan-index.js";
import { key, type LinkState, type PlanInput, type RuleVerdict } from "./plan-input.js";
import { mappedContent } from "./rules/content-for.js";
import { toInstant } from "./window.js";

type Passed = Extract<RuleVerdict, { pass: true }>;

const iCalUIdOf = (event: CalendarEvent) => (event.iCalUId ? { iCalUId: event.iCalUId } : {});

const skip = (
  side: Side,
  event: CalendarEvent,
  reason: Extract<Action, { type: "skip" }>["reason"],
  detail?: string,
): Action => ({
  type: "skip",
  side,
  eventId: event.id,
  reason,
  ...(detail ? { detail } : {}),
});

/** Did a person edit the copy since crosscal last wrote it? Then it is restored from the original. */
function copyEdited(index: PlanIndex, side: Side, link: LinkState): boolean {
  const copy = index.changed[otherSide(side)].get(link.targetId);
  return copy !== undefined && copy.version !== link.copyVersion;
}

/** An original that no longer qualifies loses its copy; one that never had a copy is skipped. */
function disqualified(
  side: Side,
  event: CalendarEvent,
  link: LinkState | undefined,
  reason: "cancelled" | "rules",
  detail?: string,
): Action {
  if (!link) return skip(side, event, reason, detail);
  const deleteReason = reason === "cancelled" ? "original-cancelled" : "rules";
  return {
    type: "delete",
    sourceSide: side,
    sourceId: event.id,
    copyId: link.targetId,
    reason: deleteReason,
  };
}

/** An original the settings skip: its copy is deleted, unless it merely left the window (semantics 2). */
function settingsSkip(
  side: Side,
  event: CalendarEvent,
  link: LinkState | undefined,
  decision: Extract<CopyDecision, { outcome: "skipped" }>,
): Action[] {
  switch (decision.reason) {
    case "direction":
      return [skip(side, event, "direction")];
    case "outside-window":
      return link ? [] : [skip(side, event, "outside-window")];
    case "cancelled":
      return [disqualified(side, event, link, "cancelled")];
    case "rules":
      return [disqualified(side, event, link, "rules", decision.detail)];
  }
}

/** The other mailbox's unlinked original with the same subject, start and end (merge start only). */
function findTwin(index: PlanIndex, side: Side, event: CalendarEvent): CalendarEvent | undefined {
  const start = toInstant(event.start).epochMilliseconds;
  const end = toInstant(event.end).epochMilliseconds;
  const other = otherSide(side);
  for (const candidate of index.changed[other].values()) {
    if (candidate.tag || candidate.subject !== event.subject || candidate.kind !== event.kind) continue;
    if (index.linkBySource.has(key(other, candidate.id)) || index.linkByTarget.has(key(other, candidate.id)))
      continue;
    if (
      toInstant(candidate.start).epochMilliseconds === start &&
      toInstant(candidate.end).epochMilliseconds === end
    ) {
      return candidate;
    }
  }
  return undefined;
}

function linkTwin(index: PlanIndex, side: Side, event: CalendarEvent, twin: CalendarEvent): Action {
  const link: LinkState = {
    sourceSide: side,
    sourceId: event.id,
    targetId: twin.id,
    owned: false,
    contentHash: "",
    copyVersion: "",
    ...(event.iCalUId ? { sourceICalUId: event.iCalUId } : {}),
  };
  index.linkBySource.set(key(side, event.id), link);
  index.linkByTarget.set(key(otherSide(side), twin.id), link);
  return {
    type: "link",
    sourceSide: side,
    sourceId: event.id,
    targetId: twin.id,
    owned: false,
    reason: "same-subject-and-time",
    ...iCalUIdOf(event),
  };
}

/** An original with no counterpart yet: a twin, an adopted copy (after a crash), or a new copy. */
function planUnlinked(
  input: PlanInput,
  index: PlanIndex,
  side: Side,
  event: CalendarEvent,
  verdict: Passed,
): Action[] {
  const twin = input.policy.matchBySubjectAndTime ? findTwin(index, side, event) : undefined;
  if (twin) return [linkTwin(index, side, event, twin)];
  const content = mappedContent(input.policy, event, verdict);
  const hash = contentHash(content);
  const orphan = index.copyBySource.get(key(side, event.id));
  if (orphan) {
    return [
      {
        type: "link",
        sourceSide: side,
        sourceId: event.id,
        targetId: orphan.id,
        owned: true,
        reason: "adopt-copy",
        ...iCalUIdOf(event),
      },
      {
        type: "update",
        sourceSide: side,
        sourceId: event.id,
        copyId: orphan.id,
        content,
        contentHash: hash,
        reason: "original-changed",
        sourceVersion: event.version,
      },
    ];
  }
  const tag = { profileId: input.profileId, sourceSide: side, sourceId: event.id };
  const transactionId = transactionIdFor(input.profileId, side, event.id, event.version);
  return [
    { type: "create", sourceSide: side, source: event, content, contentHash: hash, tag, transactionId },
  ];
}

/**
 * A copy of this original that no link names (written just before a crash) and that this run does not
 * adopt: the original turned out to be cancelled, skipped by the rules, out of the window, or one half of a
 * meeting both mailboxes hold. Left alone it would be an untracked duplicate. (A copy whose original's link
 * names another copy is planned with the copies.)
 */
function unadoptedOrphan(index: PlanIndex, side: Side, event: CalendarEvent, decided: Action[]): Action[] {
  const orphan = index.copyBySource.get(key(side, event.id));
  if (!orphan || index.linkBySource.get(key(side, event.id))?.owned) return [];
  if (index.doomed.has(key(otherSide(side), orphan.id))) return [];
  if (decided.some((action) => action.type === "link" && action.targetId === orphan.id)) return [];
  index.doomed.add(key(otherSide(side), orphan.id));
  return [{ type: "delete", sourceSide: side, sourceId: event.id, copyId: orphan.id, reason: "orphan-copy" }];
}

/** Everything decided about one original reported changed in this run. */
export function planOriginal(input: PlanInput, index: PlanIndex, side: Side, event: CalendarEvent): Action[] {
  const decided = decideOriginal(input, index, side, event);
  return [...decided, ...unadoptedOrphan(index, side, event, decided)];
}

function decideOriginal(input: PlanInput, index: PlanIndex, side: Side, event: CalendarEvent): Action[] {
  // Instances travel with their series for now: the copy series carries the pattern (exceptions and
  // cancelled occurrences are not yet mirrored onto the copy's instances).
  if (event.kind === "occurrence" || event.kind === "exception") return [];
  const link = index.linkBySource.get(key(side, event.id));
  if (link && (index.settled.has(link) || !link.owned)) return [];
  // The other half of a meeting both mailboxes hold: it is linked, never copied.
  if (index.linkByTarget.has(key(side, event.id))) return [];
  // What the settings decide (the sync editor's test area asks the same); what the store remembers may
  // overrule it, except the direction: the other mailbox's originals are never baseline nor tombstoned here.
  const decision = decideCopy(input.policy, input.now, side, event);
  if (decision.outcome === "skipped" && decision.reason === "direction")
    return settingsSkip(side, event, link, decision);
  const suppressed = index.suppressed.get(key(side, event.id));
  if (suppressed) return [skip(side, event, suppressed.reason)];
  // Only-new start: everything that exists now is baseline, whatever it looks like.
  if (!link && input.policy.takeBaseline) {
    return [{ type: "baseline", sourceSide: side, sourceId: event.id, ...iCalUIdOf(event) }];
  }
  if (decision.outcome === "skipped") return settingsSkip(side, event, link, decision);
  const { verdict } = decision;
  if (!link) return planUnlinked(input, index, side, event, verdict);
  const content = mappedContent(input.policy, event, verdict);
  const hash = contentHash(content);
  const edited = copyEdited(index, side, link);
  if (hash === link.contentHash && !edited) return [];
  const reason = hash === link.contentHash ? "copy-edited" : "original-changed";
  return [
    {
      type: "update",
      sourceSide: side,
      sourceId: event.id,
      copyId: link.targetId,
      content,
      contentHash: hash,
      reason,
      sourceVersion: event.version,
    },
  ];
}
