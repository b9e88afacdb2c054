import { Type } from "typebox";
import type { CalendarPort } from "../../core/calendar-port.js";
import { isInWindow, windowCutoff } from "../../core/window.js";
import { settingsOfSync } from "../../engine/stored-sync.js";
import {
  allPages,
  type DecisionPosition,
  findLinksOfEvent,
  findProfileRefs,
  findRunEntry,
  findTombstonesOf,
  listDecisionPage,
  listRunDecisionPage,
  listRunPage,
  type ProfileRef,
  type RunPosition,
} from "../../store/history.js";
import type { Link } from "../../store/links.js";
import { findProfileById } from "../../store/profiles.js";
import { findSync } from "../../store/syncs.js";
import { attachment, csvStream } from "../csv.js";
import { ApiError, responses } from "../errors.js";
import type { ServerSettings } from "../options.js";
import type { App } from "../types.js";
import { CSV_PAGE, DECISION_COLUMNS, RUN_COLUMNS } from "./history-csv.js";
import { explain } from "./history-explain.js";
import {
  CsvFile,
  DecisionsCsvQuery,
  DecisionsPage,
  DecisionsQuery,
  RunQuery,
  RunsCsvQuery,
  RunsPage,
  RunsQuery,
  RunWithDecisions,
  Why,
  WhyQuery,
} from "./history-schemas.js";

/** Cursors are opaque to clients; each names its kind, so one list's cursor is refused by another. */
type CursorOf = { runs: RunPosition; decisions: DecisionPosition; "run-decisions": { seq: number } };

const encodeCursor = <K extends keyof CursorOf>(kind: K, position: CursorOf[K]) =>
  Buffer.from(JSON.stringify({ kind, ...position })).toString("base64url");

const SHAPES: { [K in keyof CursorOf]: Record<keyof CursorOf[K], "string" | "number"> } = {
  runs: { startedAt: "string", id: "string" },
  decisions: { at: "string", runId: "string", seq: "number" },
  "run-decisions": { seq: "number" },
};

function decodeCursor<K extends keyof CursorOf>(
  kind: K,
  cursor: string | undefined,
): CursorOf[K] | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")) as Record<string, unknown>;
    const shape = SHAPES[kind] as Record<string, string>;
    if (value.kind === kind && Object.entries(shape).every(([key, type]) => typeof value[key] === type)) {
      return Object.fromEntries(Object.keys(shape).map((key) => [key, value[key]])) as CursorOf[K];
    }
  } catch {
    // reported below
  }
  throw new ApiError(400, "invalid_cursor", "the cursor is not one this API returned", "querystring/cursor");
}

function checkRange(range: { since?: string | undefined; until?: string | undefined }): void {
  if (
    range.since !== undefined &&
    range.until !== undefined &&
    Date.parse(range.since) >= Date.parse(range.until)
  )
    throw new ApiError(400, "invalid_request", "since must be before until", "querystring/until");
}

const optional = <T extends object>(value: T) =>
  Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };

const linkOut = (link: Link) => ({
  sourceSide: link.sourceSide,
  sourceId: link.sourceId,
  copySide: link.sourceSide === "A" ? ("B" as const) : ("A" as const),
  copyId: link.copyId,
  owned: link.owned,
  kind: link.kind,
  icalUid: link.icalUid,
  sourceVersion: link.sourceVersion,
  copyVersion: link.copyVersion,
  createdAt: link.createdAt,
  updatedAt: link.updatedAt,
});

/** Runs and per-event decisions, and "why was this meeting (not) synced" for one event. */
export async function historyRoutes(app: App, settings: ServerSettings): Promise<void> {
  app.get(
    "/api/runs",
    {
      schema: {
        summary: "Profile runs, newest first, in pages",
        tags: ["history"],
        querystring: RunsQuery,
        response: responses({ 200: RunsPage }, [400, 401]),
      },
    },
    async (request) => {
      const { cursor, ...filters } = request.query;
      checkRange(filters);
      const after = decodeCursor("runs", cursor);
      const page = await listRunPage(settings.db, optional({ ...filters, after }));
      return { runs: page.entries, nextCursor: page.next ? encodeCursor("runs", page.next) : null };
    },
  );

  app.get(
    "/api/runs/:id",
    {
      schema: {
        summary: "One run with its decisions, in the order it made them (in pages)",
        tags: ["history"],
        params: Type.Object({ id: Type.String({ minLength: 1, maxLength: 200 }) }),
        querystring: RunQuery,
        response: responses({ 200: RunWithDecisions }, [400, 401, 404]),
      },
    },
    async (request) => {
      const after = decodeCursor("run-decisions", request.query.cursor);
      const run = await findRunEntry(settings.db, request.params.id);
      if (!run) throw new ApiError(404, "run_not_found", `no run with id ${request.params.id}`);
      const page = await listRunDecisionPage(
        settings.db,
        run.id,
        optional({ limit: request.query.limit, afterSeq: after?.seq }),
      );
      const nextCursor = page.next === undefined ? null : encodeCursor("run-decisions", { seq: page.next });
      return { run, decisions: page.entries, nextCursor };
    },
  );

  app.get(
    "/api/decisions",
    {
      schema: {
        summary: "Per-event decisions, newest first, in pages",
        tags: ["history"],
        querystring: DecisionsQuery,
        response: responses({ 200: DecisionsPage }, [400, 401]),
      },
    },
    async (request) => {
      const { cursor, action, ...filters } = request.query;
      checkRange(filters);
      const after = decodeCursor("decisions", cursor);
      const page = await listDecisionPage(settings.db, optional({ ...filters, actions: action, after }));
      return {
        decisions: page.entries,
        nextCursor: page.next ? encodeCursor("decisions", page.next) : null,
      };
    },
  );

  app.get(
    "/api/runs.csv",
    {
      schema: {
        summary: "Every run the filters match, newest first, as a CSV file (read and sent page by page)",
        tags: ["history"],
        produces: ["text/csv"],
        querystring: RunsCsvQuery,
        response: responses({ 200: CsvFile }, [400, 401]),
      },
    },
    async (request, reply) => {
      checkRange(request.query);
      const pages = allPages((after: RunPosition | undefined) =>
        listRunPage(settings.db, optional({ ...request.query, limit: CSV_PAGE, after })),
      );
      reply.type("text/csv; charset=utf-8").header("content-disposition", attachment("runs", settings.now()));
      return csvStream(RUN_COLUMNS, pages);
    },
  );

  app.get(
    "/api/decisions.csv",
    {
      schema: {
        summary: "Every decision the filters match, newest first, as a CSV file (read and sent page by page)",
        tags: ["history"],
        produces: ["text/csv"],
        querystring: DecisionsCsvQuery,
        response: responses({ 200: CsvFile }, [400, 401]),
      },
    },
    async (request, reply) => {
      const { action, ...filters } = request.query;
      checkRange(filters);
      const pages = allPages((after: DecisionPosition | undefined) =>
        listDecisionPage(settings.db, optional({ ...filters, actions: action, limit: CSV_PAGE, after })),
      );
      reply
        .type("text/csv; charset=utf-8")
        .header("content-disposition", attachment("decisions", settings.now()));
      return csvStream(DECISION_COLUMNS, pages);
    },
  );

  app.get(
    "/api/events/:eventId/why",
    {
      schema: {
        summary: "Why was this meeting (not) synced: one event id of a profile, original or copy",
        tags: ["history"],
        params: Type.Object({ eventId: Type.String({ minLength: 1, maxLength: 1000 }) }),
        querystring: WhyQuery,
        response: responses({ 200: Why }, [400, 401, 404]),
      },
    },
    async (request) => whyOf(settings, request.params.eventId, request.query),
  );
}

async function resolveProfile(settings: ServerSettings, ref: string, sync: string | undefined) {
  const found = await findProfileRefs(settings.db, ref, sync);
  const [only] = found;
  if (!only)
    throw new ApiError(404, "profile_not_found", `no profile with id or name ${ref}`, "querystring/profile");
  if (found.length > 1) {
    const where = found.map((profile) => `${profile.id} (sync ${profile.sync})`).join(", ");
    throw new ApiError(
      400,
      "ambiguous_profile",
      `several profiles are named ${ref}: ${where}; pass its id or sync`,
      "querystring/profile",
    );
  }
  // Mailboxes make the explanation concrete; the profile was just found, so it exists unless removed meanwhile.
  const row = await findProfileById(settings.db, only.id);
  if (!row)
    throw new ApiError(404, "profile_not_found", `no profile with id or name ${ref}`, "querystring/profile");
  return { ref: only, mailboxes: { A: row.mailboxA, B: row.mailboxB } };
}

async function whyOf(
  settings: ServerSettings,
  eventId: string,
  query: { profile: string; sync?: string; limit: number },
) {
  const { ref, mailboxes } = await resolveProfile(settings, query.profile, query.sync);
  const page = await listDecisionPage(settings.db, { profileId: ref.id, event: eventId, limit: query.limit });
  const links = await findLinksOfEvent(settings.db, ref.id, eventId);
  // A tombstone names the original: the id asked about, or the original its decisions name.
  const originals = new Set([eventId, ...links.map((link) => link.sourceId)]);
  for (const decision of page.entries) originals.add(decision.sourceId);
  const [tombstone] = await findTombstonesOf(settings.db, ref.id, [...originals]);
  const link = links.find((candidate) => candidate.sourceId === eventId) ?? links[0];
  const [latest] = page.entries;
  if (!link && !tombstone && !latest) return unrecorded(settings, ref, mailboxes, eventId);
  const isOriginal =
    link?.sourceId === eventId || tombstone?.sourceId === eventId || (!link && latest?.sourceId === eventId);
  return {
    eventId,
    profile: ref,
    role: isOriginal ? ("original" as const) : ("copy" as const),
    explanation: explain({ eventId, mailboxes, link, tombstone, latest }),
    link: link ? linkOut(link) : null,
    tombstone: tombstone
      ? {
          sourceSide: tombstone.sourceSide,
          sourceId: tombstone.sourceId,
          reason: tombstone.reason,
          createdAt: tombstone.createdAt,
        }
      : null,
    decisions: page.entries,
    nextCursor: page.next ? encodeCursor("decisions", page.next) : null,
  };
}

/**
 * An event no run has recorded: looked up in both mailboxes (with the service's Graph clients), so the
 * answer says why — it ended before the sync's window (never processed), or no run has seen it yet.
 */
async function unrecorded(
  settings: ServerSettings,
  ref: ProfileRef,
  mailboxes: { A: string; B: string },
  eventId: string,
) {
  const notFound = () =>
    new ApiError(404, "event_not_found", `profile ${ref.name} has no record of event ${eventId}`);
  const sync = settings.service ? await findSync(settings.db, ref.sync) : undefined;
  if (!settings.service || !sync) throw notFound();
  const clients = settings.service.clients;
  const found = await findInMailboxes(eventId, [
    () => clients.calendar(sync.connectionA, mailboxes.A),
    () => clients.calendar(sync.connectionB, mailboxes.B),
  ]);
  if (!found) {
    throw new ApiError(
      404,
      "event_not_found",
      `no event ${eventId} in either mailbox of profile ${ref.name}`,
    );
  }
  const { pastDays } = settingsOfSync(sync);
  const inWindow = isInWindow(found, windowCutoff(settings.now().toISOString(), pastDays));
  return {
    eventId,
    profile: ref,
    role: "original" as const,
    explanation: inWindow
      ? "no run has seen this event yet: the profile's next run copies it, or records why not"
      : `not synced: it ended before the sync's window (events that ended more than ${pastDays} days ago are never processed)`,
    link: null,
    tombstone: null,
    decisions: [],
    nextCursor: null,
  };
}

/** The event in the first mailbox that has it; a mailbox that cannot be read counts as not having it. */
async function findInMailboxes(eventId: string, calendars: (() => Promise<CalendarPort>)[]) {
  for (const calendar of calendars) {
    const event = await (await calendar()).get(eventId).catch(() => undefined);
    if (event) return event;
  }
  return undefined;
}
