import { parseWindowBound } from "../calendar/timezones.js";
import { GraphError } from "../graph/errors.js";
import type { User } from "../world/types.js";
import type { DeltaGroup, DeltaQuery, SyncState } from "./delta-states.js";
import { occurrenceId } from "./identifiers.js";
import type { MailboxCalendar } from "./mailbox-calendar.js";
import type { StoredEvent } from "./model.js";
import { seriesInWindow } from "./occurrences.js";
import { type RenderOptions, renderEvent, renderStub } from "./serialize.js";
import type { MailboxStore } from "./store.js";
import { calendarCall, epochOf, instantOf, overlaps, type Window } from "./times.js";

/** Options the documentation lists as unsupported on calendarView/delta. */
const REJECTED = ["$select", "$filter", "$expand", "$orderby", "$search"];

export interface DeltaRequest {
  owner: User;
  path: string;
  query: Record<string, string | undefined>;
  render: RenderOptions;
  pageSize: number;
}

const removed = (id: string) => ({
  "@odata.type": "#microsoft.graph.event",
  id,
  "@removed": { reason: "deleted" },
});

function windowOf(query: DeltaQuery): Window {
  return { start: instantOf(query.start), end: instantOf(query.end) };
}

/** An event's group in a round: the full event, or a series master in full followed by occurrence stubs. */
function groupOf(event: StoredEvent, window: Window, render: RenderOptions): DeltaGroup | undefined {
  if (event.type === "singleInstance") {
    const inWindow = overlaps(epochOf(event.fields.start), epochOf(event.fields.end), window);
    return inWindow
      ? [{ "@odata.type": "#microsoft.graph.event", ...renderEvent({ kind: "stored", event }, render) }]
      : undefined;
  }
  const occurrences = seriesInWindow(event, window);
  if (!occurrences.length) return undefined;
  const master = {
    "@odata.type": "#microsoft.graph.event",
    ...renderEvent({ kind: "stored", event }, render),
  };
  return [master, ...occurrences.map((view) => renderStub(view, render))];
}

/** The occurrences a deleted series had in the window, so their removal is reported with the master's. */
function removedGroup(event: StoredEvent, window: Window): DeltaGroup {
  const ids =
    event.type === "seriesMaster"
      ? seriesInWindow(event, window).map((v) => occurrenceId(event.id, v.originalStart))
      : [];
  return [removed(event.id), ...ids.map(removed)];
}

/**
 * A round's content, fixed when it starts. The initial round lists what is in the window; later rounds list
 * what changed since: changed events in the window in full, and `@removed` for deletions and for changed
 * events outside the window (as Graph does, so clients must filter on their window).
 */
function buildRound(
  calendar: MailboxCalendar,
  query: DeltaQuery,
  since: number | undefined,
  render: RenderOptions,
) {
  const window = windowOf(query);
  const groups: DeltaGroup[] = [];
  for (const event of calendar.events.values()) {
    if (since !== undefined && event.version <= since) continue;
    const group = groupOf(event, window, render);
    if (group) groups.push(group);
    else if (since !== undefined) groups.push([removed(event.id)]);
  }
  if (since !== undefined) {
    for (const tombstone of calendar.tombstones) {
      if (tombstone.version > since) groups.push(removedGroup(tombstone.event, window));
    }
  }
  return groups;
}

/** Whole groups up to the page size (at least one: a series is never split across pages). */
function takePage(groups: DeltaGroup[], offset: number, pageSize: number) {
  const items: Array<Record<string, unknown>> = [];
  let next = offset;
  while (next < groups.length) {
    const group = groups[next]!;
    if (items.length > 0 && items.length + group.length > pageSize) break;
    items.push(...group);
    next += 1;
  }
  return { items, next };
}

function rejectUnsupported(query: Record<string, string | undefined>): void {
  for (const key of Object.keys(query)) {
    const option = REJECTED.find((name) => name.toLowerCase() === key.toLowerCase() || name.slice(1) === key);
    if (option) {
      throw new GraphError(
        400,
        "ErrorInvalidUrlQuery",
        `The query parameter '${option}' is not supported with change tracking over the 'calendarView' resource.`,
      );
    }
  }
}

function initialQuery(request: DeltaRequest): DeltaQuery {
  const { startDateTime = "", endDateTime = "" } = lowerKeys(request.query);
  const start = calendarCall(() => parseWindowBound(startDateTime || undefined, "startDateTime"));
  const end = calendarCall(() => parseWindowBound(endDateTime || undefined, "endDateTime"));
  return {
    userId: request.owner.id,
    path: request.path,
    startDateTime,
    endDateTime,
    start: start.epochMilliseconds,
    end: end.epochMilliseconds,
  };
}

function lowerKeys(query: Record<string, string | undefined>): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [key, value] of Object.entries(query)) {
    const bare = key.startsWith("$") ? key : key.toLowerCase();
    out[bare === "startdatetime" ? "startDateTime" : bare === "enddatetime" ? "endDateTime" : bare] = value;
  }
  return out;
}

/** The state this request continues: a page of a running round, or a new round. */
function stateFor(store: MailboxStore, request: DeltaRequest): Extract<SyncState, { kind: "page" }> {
  const query = lowerKeys(request.query);
  const calendar = store.calendarOf(request.owner);
  const token = query.$skiptoken ?? query.$deltatoken;
  if (token) {
    const state = store.delta.resolve(token, request.owner.id);
    if (state.kind === "page") return state;
    const groups = buildRound(calendar, state.query, state.sinceVersion, request.render);
    return { kind: "page", query: state.query, groups, offset: 0, roundVersion: calendar.version };
  }
  const initial = initialQuery(request);
  const groups = buildRound(calendar, initial, undefined, request.render);
  return { kind: "page", query: initial, groups, offset: 0, roundVersion: calendar.version };
}

/** GET .../calendarView/delta: one page of the current round, with a nextLink or the final deltaLink. */
export function calendarViewDelta(store: MailboxStore, request: DeltaRequest): Record<string, unknown> {
  rejectUnsupported(request.query);
  const state = stateFor(store, request);
  const { items, next } = takePage(state.groups, state.offset, request.pageSize);
  const base = `${store.ctx.url}${state.query.path}`;
  const body: Record<string, unknown> = {
    "@odata.context": `${store.ctx.url}/v1.0/$metadata#Collection(event)`,
  };
  if (next < state.groups.length) {
    const token = store.delta.issue({ ...state, offset: next });
    body["@odata.nextLink"] = `${base}?$skiptoken=${token}`;
  } else {
    const token = store.delta.issue({ kind: "delta", query: state.query, sinceVersion: state.roundVersion });
    body["@odata.deltaLink"] = `${base}?$deltatoken=${token}`;
  }
  body.value = items;
  return body;
}
