import { type CopyPreview, previewCopy } from "../core/copy-decision.js";
import { type CalendarEvent, otherSide, type Side } from "../core/event.js";
import { toInstant } from "../core/window.js";
import { planPolicy } from "../engine/settings.js";
import { GraphRequestError } from "../graph/errors.js";
import {
  compileProblems,
  type InputProblem,
  inputProblems,
  type MappingRef,
  type SyncDocument,
  schemaProblems,
  toStored,
  withDefaults,
} from "./sync-document.js";
import { openSyncMailbox, reading, type TestAreaDeps } from "./sync-events.js";
import { SyncInputError, SyncRefusal } from "./sync-refusal.js";
import {
  copyOut,
  EventRef,
  type EventRefInput,
  eventOfPasted,
  eventOut,
  PastedEvent,
  type PreviewCopyInput,
} from "./test-area-schema.js";

/**
 * The sync editor's test area: the copy a sync document (the editor's draft, saved or not) would write of
 * one event, and what decided it. The document is checked as POST /api/syncs checks it and compiled as the
 * engine compiles it; the decision is core's `previewCopy`, the function a run's planner decides with. It
 * answers what the settings decide: whether a profile already links, tombstoned or took the event as its
 * only-new baseline is the history's to say (GET /api/events/{id}/why).
 */

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

const within = (prefix: (string | number)[], problems: InputProblem[]): InputProblem[] =>
  problems.map((problem) => ({ ...problem, path: [...prefix, ...problem.path] }));

const unknownFields = (value: Record<string, unknown>, known: string[], at: (string | number)[]) =>
  Object.keys(value)
    .filter((key) => !known.includes(key))
    .map((key) => ({ path: [...at, key], message: `unknown field "${key}"` }));

/** A pasted event's times must name real zones, and it must not end before it starts. */
function timeProblems(pasted: Record<string, unknown>): InputProblem[] {
  const instants: Record<string, number> = {};
  const problems: InputProblem[] = [];
  for (const edge of ["start", "end"]) {
    try {
      instants[edge] = toInstant(pasted[edge] as CalendarEvent["start"]).epochMilliseconds;
    } catch (error) {
      const message = `not a time in a known zone: ${(error as Error).message}`;
      problems.push({ path: ["event", "pasted", edge], message });
    }
  }
  if (problems.length === 0 && instants.end! < instants.start!)
    problems.push({ path: ["event", "pasted", "end"], message: "ends before it starts" });
  return problems;
}

function eventProblems(event: unknown): InputProblem[] {
  if (!isRecord(event) || !("pasted" in event)) {
    const problems = within(["event"], schemaProblems(EventRef, event));
    if (problems.length > 0 || !isRecord(event)) return problems;
    if ((event.profileId === undefined) === (event.mailbox === undefined))
      return [{ path: ["event", "profileId"], message: "give profileId or mailbox (exactly one)" }];
    return [];
  }
  const shape = [
    ...unknownFields(event, ["pasted", "side"], ["event"]),
    ...(event.side === undefined || event.side === "A" || event.side === "B"
      ? []
      : [{ path: ["event", "side"], message: "must be A or B" }]),
    ...within(["event", "pasted"], schemaProblems(PastedEvent, event.pasted)),
  ];
  return shape.length > 0 ? shape : timeProblems(event.pasted as Record<string, unknown>);
}

/**
 * Everything wrong with a preview request: the sync document by the checks of POST /api/syncs (under
 * `sync`), the event by its schema (a reference to a real event, or a pasted one).
 */
export function previewProblems(raw: unknown): InputProblem[] {
  if (!isRecord(raw)) return [{ path: [], message: "must be an object { sync, event }" }];
  const missing = ["sync", "event"]
    .filter((key) => raw[key] === undefined)
    .map((key) => ({ path: [key], message: "is required" }));
  return [
    ...unknownFields(raw, ["sync", "event"], []),
    ...missing,
    ...(raw.sync === undefined ? [] : within(["sync"], inputProblems(raw.sync, false))),
    ...(raw.event === undefined ? [] : eventProblems(raw.event)),
  ];
}

interface Previewed {
  side: Side;
  event: CalendarEvent;
  series?: CalendarEvent | undefined;
  pasted: boolean;
}

const REF_FIELDS = {
  sync: ["event", "syncId"],
  profile: ["event", "profileId"],
  mailbox: ["event", "mailbox"],
};

/**
 * Graph answers 400 ErrorInvalidIdMalformed for an id that cannot be an event's (a typo, a pasted subject):
 * for the admin who typed it that is no such event, as an unknown id's 404 is, not a failure of the tenant.
 */
function undefinedIfMalformed(error: unknown): undefined {
  if (error instanceof GraphRequestError && error.code === "ErrorInvalidIdMalformed") return undefined;
  throw error;
}

/** The event a reference names, read from its mailbox, with its series when it is one's instance. */
async function readEvent(deps: TestAreaDeps, ref: EventRefInput): Promise<Previewed> {
  const mailboxRef = { side: ref.side, profile: ref.profileId, mailbox: ref.mailbox };
  const target = await openSyncMailbox(deps, ref.syncId, mailboxRef, REF_FIELDS);
  const notFound = (what: string) =>
    new SyncRefusal("not_found", "event_not_found", `no ${what} in ${target.mailbox}`, ["event", "eventId"]);
  const event = await reading(target, () => target.calendar.get(ref.eventId).catch(undefinedIfMalformed));
  if (!event) throw notFound(`event ${ref.eventId}`);
  if (event.kind !== "occurrence" && event.kind !== "exception")
    return { side: ref.side, event, pasted: false };
  const series = event.seriesId
    ? await reading(target, () => target.calendar.get(event.seriesId!))
    : undefined;
  if (!series) throw notFound(`series of event ${ref.eventId}`);
  return { side: ref.side, event, series, pasted: false };
}

/** The document as the engine would run it; what cannot compile is refused as POST /api/syncs refuses it. */
function compiledDocument(input: PreviewCopyInput["sync"]) {
  const doc = withDefaults(input);
  const { settings } = toStored(doc);
  const problems = compileProblems(settings);
  if (problems.length > 0) throw new SyncInputError(within(["sync"], problems));
  return { doc, policy: planPolicy(settings, { takeBaseline: false, merging: false }) };
}

/** The mapping the copy is written with: the deciding rule's, the sync's own, or Busy for a blocked instance. */
function mappingOf(doc: SyncDocument, preview: CopyPreview): MappingRef | null {
  if (preview.outcome === "skipped") return null;
  if (preview.blockedAsBusy) return "busy";
  if (typeof preview.decidedBy !== "object") return doc.mapping;
  const then = doc.rules[preview.decidedBy.index]?.then;
  return then && then !== "skip" ? then.mapping : doc.mapping;
}

const mappingName = (mapping: MappingRef) =>
  typeof mapping === "string" ? mapping : `a custom mapping on ${mapping.preset}`;

/** One line in plain language, in the words of the history's explanations. */
function explain(doc: SyncDocument, side: Side, preview: CopyPreview): string {
  const by = preview.decidedBy;
  const rule = typeof by === "object" ? `rule '${by.name}' (rules[${by.index}])` : "";
  const target = otherSide(side);
  if (preview.blockedAsBusy)
    return `${rule} skips this occurrence, but its series is copied to ${target}: its time is blocked as "Busy"`;
  if (preview.outcome === "copied") {
    const mapping = mappingOf(doc, preview)!;
    return typeof by === "object"
      ? `copied to ${target} with the mapping of ${rule} (${mappingName(mapping)})`
      : `copied to ${target} with the sync's mapping (${mappingName(mapping)})`;
  }
  switch (by) {
    case "direction":
      return `skipped: the sync copies only ${target}'s meetings to ${side} (${doc.direction}), never ${side}'s`;
    case "outside-window":
      return `skipped: it ended more than ${doc.window.pastDays} days ago, before the sync's window (never processed)`;
    case "cancelled":
      return "skipped: the meeting is cancelled";
    case "copy":
      return "skipped: crosscal wrote this event (a copy); copies are never copied";
    default:
      return `skipped: ${rule}`;
  }
}

/** What the draft decides about one event, and the copy it would write: nothing is written anywhere. */
export async function previewSyncCopy(deps: TestAreaDeps, input: PreviewCopyInput) {
  const { doc, policy } = compiledDocument(input.sync);
  const read: Previewed =
    "pasted" in input.event
      ? { side: input.event.side ?? "A", event: eventOfPasted(input.event.pasted), pasted: true }
      : await readEvent(deps, input.event);
  const preview = previewCopy(policy, deps.now().toISOString(), read.side, read.event, read.series);
  const by = preview.decidedBy;
  return {
    outcome: preview.outcome,
    decidedBy: typeof by === "object" ? { rule: by.name, index: by.index } : by,
    explanation: explain(doc, read.side, preview),
    mapping: mappingOf(doc, preview),
    copySide: otherSide(read.side),
    copy: preview.content ? copyOut(preview.content) : null,
    source: eventOut(read.event, read.pasted),
    series: read.series ? eventOut(read.series) : null,
  };
}
