import type { CalendarPort, ChangeBatch, KnownEvents, Window } from "../core/calendar-port.js";
import type { CalendarEvent, CopyTag, EventContent } from "../core/event.js";
import { seriesReachesWindow, toInstant } from "../core/window.js";
import { type DeltaCursor, decodeCursor, encodeCursor, sameWindow } from "./calendar-cursor.js";
import { MailboxPaths, preferHeaders } from "./calendar-paths.js";
import { summarizeRound } from "./calendar-round.js";
import { GraphRequestError } from "./errors.js";
import { fromGraphEvent, type GraphEventPayload } from "./mapping.js";
import { toGraphCreate, toGraphUpdate } from "./mapping-write.js";
import { type BatchRequestItem, batchItemError, type GraphRequester } from "./requester.js";
import { copiesFilter } from "./tag.js";

export interface GraphCalendarOptions {
  requester: GraphRequester;
  /** The mailbox's UPN or object id: every request goes to `/users/{mailbox}/…`. */
  mailbox: string;
  /** `odata.maxpagesize` for delta rounds and listings. */
  pageSize?: number;
}

/** Graph's cap on requests in one JSON batch. */
const BATCH_SIZE = 20;

/** Does the event show this content's subject and times (what a person's edit of a copy changes)? */
function carries(event: CalendarEvent, content: EventContent): boolean {
  const same = (x: CalendarEvent["start"], y: CalendarEvent["start"]) =>
    toInstant(x).epochMilliseconds === toInstant(y).epochMilliseconds;
  return (
    event.subject === content.subject &&
    event.isAllDay === content.isAllDay &&
    same(event.start, content.start) &&
    same(event.end, content.end)
  );
}

const isNotFound = (error: unknown) => error instanceof GraphRequestError && error.kind === "not-found";

/** A delta payload carries no extended properties: the engine's record of the tag stands in for it. */
const withTag = (event: CalendarEvent, tag: CopyTag | undefined): CalendarEvent =>
  tag ? { ...event, tag } : event;

/** What a lookup in a round found: the event, or that it is gone. */
type Lookup = { kind: "event"; event: GraphEventPayload } | { kind: "gone" };

/**
 * The calendar of one mailbox over Microsoft Graph (the primary calendar, app-only access). Every request
 * names its mailbox, for the per-mailbox concurrency limit, and a context for error messages.
 */
export class GraphCalendar implements CalendarPort {
  private readonly paths: MailboxPaths;
  private readonly requester: GraphRequester;
  private readonly mailbox: string;
  private readonly pageSize: number;

  constructor(options: GraphCalendarOptions) {
    this.requester = options.requester;
    this.mailbox = options.mailbox;
    this.paths = new MailboxPaths(options.mailbox);
    this.pageSize = options.pageSize ?? 100;
  }

  /**
   * One delta round. Instances never come from delta itself: for every series the round touches, its
   * instances are re-read (hydrated, and complete, so a cancelled occurrence shows by its absence), and
   * `refreshedSeries` names those series. `@removed` ids are read: Graph also reports events that
   * changed outside the window that way, and leaving the window is not a deletion (semantics 2), so only
   * ids Graph no longer knows are returned as removed; the others are changed events (a copy a person
   * moved out of the window is still an edited copy, to be restored). A lost cursor (410) or a new window
   * starts a full listing, returned with `full: true`.
   */
  async changes(window: Window, cursor: string | undefined, known?: KnownEvents): Promise<ChangeBatch> {
    const previous = cursor === undefined ? undefined : decodeCursor(cursor);
    // A cursor for another window, or from another Graph host (the connection's endpoints were changed),
    // cannot be continued: a full listing starts over.
    const usable =
      previous && sameWindow(previous.window, window) && this.requester.isGraphUrl(previous.deltaLink)
        ? previous
        : undefined;
    const full = previous !== undefined && usable === undefined;
    try {
      return await this.round(window, usable, full, known);
    } catch (error) {
      // The cursor, or a page token of the round, expired (410): once, start over with a full listing.
      if (!(error instanceof GraphRequestError) || error.kind !== "cursor-invalid") throw error;
      return this.round(window, undefined, previous !== undefined, known);
    }
  }

  private async round(
    window: Window,
    cursor: DeltaCursor | undefined,
    full: boolean,
    known: KnownEvents | undefined,
  ): Promise<ChangeBatch> {
    const context = `read calendar changes of ${this.mailbox}`;
    const { items, deltaLink } = await this.readRound(
      cursor?.deltaLink ?? this.paths.deltaStart(window),
      context,
    );
    const summary = summarizeRound(items);
    const seriesWithoutMaster = [...summary.series].filter((id) => !summary.events.has(id));
    const isKnown = (id: string) => known?.has(id) ?? false;
    // A master both removed and pointed to by a later stub is read once, as a series in the window.
    const removals = [...summary.removed].filter((id) => !seriesWithoutMaster.includes(id));
    // Removals of ids the engine never saw change nothing: they are passed on unchecked.
    const outside = new Set(removals.filter((id) => known === undefined || isKnown(id)));
    const removed = removals.filter((id) => !outside.has(id));
    // Events the engine knows keep their delta payload (delta returns what calendarView does) and known tag.
    const fromDelta = [...summary.events.values()].filter((event) => isKnown(event.id!));
    const unread = [...summary.events.keys()].filter((id) => !isKnown(id));
    const lookups = await this.lookUp([...unread, ...seriesWithoutMaster, ...outside], context);
    const read: GraphEventPayload[] = [];
    for (const [id, lookup] of lookups) {
      if (lookup.kind === "gone") removed.push(id);
      else read.push(lookup.event);
    }
    const changed = [
      ...fromDelta.map((event) => withTag(fromGraphEvent(event), known?.get(event.id!) ?? undefined)),
      ...read.map(fromGraphEvent),
    ];
    // A series reported removed that still reaches into the window lost every occurrence there.
    const series = changed
      .filter((e) => e.kind === "series" && (!outside.has(e.id) || seriesReachesWindow(e, window)))
      .map((e) => e.id);
    const instances = await Promise.all(series.map((id) => this.listInstances(id, window, context)));
    return {
      changed: [...changed, ...instances.flat()],
      removed,
      cursor: encodeCursor({ window, deltaLink }),
      full,
      refreshedSeries: series,
    };
  }

  /** Every page of one delta round, and the deltaLink that ends it. */
  private async readRound(start: string, context: string) {
    const items: GraphEventPayload[] = [];
    let deltaLink: string | undefined;
    for await (const page of this.requester.pages<GraphEventPayload>(start, this.read(context, true))) {
      items.push(...page.value);
      deltaLink = page.deltaLink ?? deltaLink;
    }
    if (!deltaLink) throw new Error(`${context}: the delta round ended without a deltaLink`);
    return { items, deltaLink };
  }

  /**
   * Reads `ids` in full (with their tag, which delta cannot expand), in $batch requests of 20 (one alone
   * as a plain GET: Graph meters a batch's envelope too), or learns that they are gone.
   */
  private async lookUp(ids: string[], context: string): Promise<Map<string, Lookup>> {
    if (ids.length === 1) {
      const id = ids[0]!;
      const event = await this.readEvent(id, context);
      return new Map([[id, event ? { kind: "event", event } : { kind: "gone" }]]);
    }
    const requests: BatchRequestItem[] = ids.map((id, index) => ({
      id: String(index),
      method: "GET",
      url: this.paths.event(id),
      headers: preferHeaders(),
    }));
    const chunks: BatchRequestItem[][] = [];
    for (let at = 0; at < requests.length; at += BATCH_SIZE) chunks.push(requests.slice(at, at + BATCH_SIZE));
    const answers = (
      await Promise.all(
        chunks.map((chunk) => this.requester.batch(chunk, { mailbox: this.mailbox, context })),
      )
    ).flat();
    const lookups = new Map<string, Lookup>();
    answers.forEach((answer, index) => {
      const id = ids[index]!;
      const error = batchItemError(answer);
      if (error && error.kind !== "not-found") throw error;
      lookups.set(id, error ? { kind: "gone" } : { kind: "event", event: answer.body as GraphEventPayload });
    });
    return lookups;
  }

  /** One event with its tag, or undefined when Graph no longer knows it. */
  private async readEvent(id: string, context: string): Promise<GraphEventPayload | undefined> {
    try {
      const response = await this.requester.request<GraphEventPayload>(
        "GET",
        this.paths.event(id),
        this.read(context),
      );
      return response.body;
    } catch (error) {
      if (isNotFound(error)) return undefined;
      throw error;
    }
  }

  private async listInstances(seriesId: string, window: Window, context: string): Promise<CalendarEvent[]> {
    const result: CalendarEvent[] = [];
    const url = this.paths.instances(seriesId, window);
    for await (const page of this.requester.pages<GraphEventPayload>(url, this.read(context, true))) {
      result.push(...page.value.map(fromGraphEvent));
    }
    return result;
  }

  /** A series' instances in the window; a series that no longer exists has none. */
  async instances(seriesId: string, window: Window): Promise<CalendarEvent[]> {
    try {
      return await this.listInstances(seriesId, window, `list instances of ${seriesId} in ${this.mailbox}`);
    } catch (error) {
      if (isNotFound(error)) return [];
      throw error;
    }
  }

  /**
   * Up to `limit` events of the range by start (series as their occurrences), read-only: what a person
   * would pick from in the sync editor's test area. With `subject`, only events whose subject contains
   * it (case ignored), filtered here since Graph's calendarView takes no $filter on the subject; at most
   * `scanLimit` events are read to find them.
   */
  async listRange(
    window: Window,
    options: { limit: number; subject?: string; scanLimit?: number },
  ): Promise<CalendarEvent[]> {
    const context = `list events of ${this.mailbox}`;
    const wanted = options.subject?.toLowerCase();
    const scanLimit = wanted === undefined ? options.limit : (options.scanLimit ?? 1000);
    const top = String(Math.min(wanted === undefined ? options.limit : this.pageSize, scanLimit));
    const url = this.paths.calendarView(window, { $orderby: "start/dateTime", $top: top });
    const found: CalendarEvent[] = [];
    let scanned = 0;
    for await (const page of this.requester.pages<GraphEventPayload>(url, this.read(context, true))) {
      for (const payload of page.value) {
        scanned++;
        const event = fromGraphEvent(payload);
        if (wanted === undefined || event.subject.toLowerCase().includes(wanted)) found.push(event);
        if (found.length >= options.limit || scanned >= scanLimit) return found;
      }
    }
    return found;
  }

  async get(id: string): Promise<CalendarEvent | undefined> {
    const event = await this.readEvent(id, `read event ${id} of ${this.mailbox}`);
    return event && fromGraphEvent(event);
  }

  /**
   * Every copy of the profile in this mailbox, by tag alone (works with no database). Graph matches the
   * value prefix case-insensitively, so the decoded profile id is compared exactly here.
   */
  async findCopies(profileId: string): Promise<CalendarEvent[]> {
    const context = `find copies of profile ${profileId} in ${this.mailbox}`;
    const url = this.paths.events(true, { $filter: copiesFilter(profileId) });
    const copies: CalendarEvent[] = [];
    for await (const page of this.requester.pages<GraphEventPayload>(url, this.read(context, true))) {
      for (const event of page.value.map(fromGraphEvent)) {
        if (event.tag?.profileId === profileId) copies.push(event);
      }
    }
    return copies;
  }

  /** Events (single or series) of this mailbox with this iCalUId: the same meeting, invited twice. */
  async findByICalUId(iCalUId: string): Promise<CalendarEvent[]> {
    const context = `look up meeting ${iCalUId} in ${this.mailbox}`;
    const url = this.paths.events(true, { $filter: `iCalUId eq '${iCalUId.replace(/'/g, "''")}'` });
    const found: CalendarEvent[] = [];
    for await (const page of this.requester.pages<GraphEventPayload>(url, this.read(context, true))) {
      found.push(...page.value.map(fromGraphEvent));
    }
    return found;
  }

  /**
   * POST with the tag and a transactionId: Graph answers a repeated POST with the same transactionId
   * with the event the first one created, so a create retried after a timeout makes no duplicate.
   */
  async create(content: EventContent, tag: CopyTag, transactionId: string): Promise<CalendarEvent> {
    const context = `create copy of ${tag.sourceSide}:${tag.sourceId} in ${this.mailbox}`;
    const response = await this.requester.request<GraphEventPayload>("POST", this.paths.events(false), {
      ...this.write(context),
      body: toGraphCreate(content, tag, transactionId),
    });
    // Writes are not asked to $expand (Graph does not document it on POST/PATCH); the tag is known.
    const created = { ...fromGraphEvent(response.body), tag };
    // A transactionId Graph has seen gets the event it made then, as it is now: a copy written before a
    // crash may have been edited by a person since (even moved out of the window, where no run sees it).
    if (carries(created, content)) return created;
    return { ...(await this.update(created.id, content)), tag };
  }

  /**
   * PATCH of the given fields; with `expectedVersion`, a copy changed since then fails as `precondition`.
   * The answer is Graph's, which carries no extended properties: the event returned has no `tag` (its
   * id and new version are what the engine records).
   */
  async update(id: string, content: Partial<EventContent>, expectedVersion?: string): Promise<CalendarEvent> {
    const context = `update copy ${id} in ${this.mailbox}`;
    const options = this.write(context);
    if (expectedVersion !== undefined) options.headers["If-Match"] = expectedVersion;
    const response = await this.requester.request<GraphEventPayload>("PATCH", this.paths.event(id, false), {
      ...options,
      body: toGraphUpdate(content),
    });
    return fromGraphEvent(response.body);
  }

  async delete(id: string): Promise<void> {
    const context = `delete copy ${id} in ${this.mailbox}`;
    try {
      await this.requester.request("DELETE", this.paths.event(id, false), this.write(context));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  }

  private read(context: string, paged = false) {
    return { mailbox: this.mailbox, context, headers: preferHeaders(paged ? this.pageSize : undefined) };
  }

  private write(context: string) {
    return { mailbox: this.mailbox, context, headers: preferHeaders() };
  }
}
