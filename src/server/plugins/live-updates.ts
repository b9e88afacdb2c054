import { randomBytes } from "node:crypto";
import type { ServerResponse } from "node:http";
import type { FastifyBaseLogger, FastifyReply, FastifyRequest } from "fastify";
import {
  type FinishedRun,
  jobsUpdatedFrom,
  latestChangeTimes,
  profilesUpdatedFrom,
  runsFinishedFrom,
  type UpdatedJob,
  type UpdatedProfile,
} from "../../store/changes.js";
import type { Store } from "../../store/database.js";
import { zeroCounts } from "../../store/runs.js";
import { ApiError } from "../errors.js";
import { securityHeaders } from "./security-headers.js";

/**
 * Live updates over Server-Sent Events (GET /api/stream). One poller per app (per serve process) reads what
 * changed in the store since its last look, once a second, and writes each change once to every connected
 * client: nothing is read per client, and changes made by other processes (PostgreSQL workers) arrive like
 * this process's own. The poller runs only while someone listens. The last events are kept, so a client
 * that reconnects with Last-Event-ID gets what it missed, or a `reset` event when that is no longer known.
 */

export interface LiveUpdateOptions {
  /** How often the store is read for changes (default 1 s). */
  pollMs: number;
  /** A comment line this often keeps proxies from closing a quiet stream (default 15 s). */
  heartbeatMs: number;
  /** Streams open at once in this process (default 100); more are refused with 503 too_many_streams. */
  maxClients: number;
  /** How long a browser waits before reconnecting (the stream's `retry:`). */
  retryMs: number;
  /** The poller stops this long after the last client left (default 30 s). */
  idleStopMs: number;
}

export const DEFAULT_LIVE_UPDATES: LiveUpdateOptions = {
  pollMs: 1_000,
  heartbeatMs: 15_000,
  maxClients: 100,
  retryMs: 3_000,
  idleStopMs: 30_000,
};

/** Times are the writers' clocks and rows commit late: each read looks back this far and drops repeats. */
const LOOK_BACK_MS = 5_000;
const PAGE = 500;
const MAX_PAGES = 10;
/** Events kept for clients that reconnect with Last-Event-ID. */
const KEPT_EVENTS = 1_000;
/** A client this far behind (its socket not draining) is dropped: it reconnects and catches up. */
const MAX_BUFFERED_BYTES = 1024 * 1024;

export type LiveEvent =
  | { type: "profile"; data: ReturnType<typeof profileEvent> }
  | { type: "run"; data: ReturnType<typeof runEvent> }
  | { type: "job"; data: ReturnType<typeof jobEvent> };

const profileEvent = (row: UpdatedProfile) => ({
  id: row.id,
  sync: row.sync,
  name: row.name,
  status: row.status,
  statusReason: row.statusReason,
  updatedAt: row.updatedAt,
});

const runEvent = (row: FinishedRun) => ({
  id: row.id,
  profileId: row.profileId,
  trigger: row.trigger,
  outcome: row.outcome,
  counts: { ...zeroCounts(), ...(JSON.parse(row.counts) as object) },
  error: row.error,
  startedAt: row.startedAt,
  finishedAt: row.finishedAt,
  lagMs: row.lagMs,
});

const jobEvent = (row: UpdatedJob) => ({
  id: row.id,
  kind: row.kind,
  action: row.action,
  status: row.status,
  total: row.total,
  done: row.done,
  failed: row.failed,
  cancelRequested: row.cancelRequested,
  updatedAt: row.updatedAt,
});

const lookBack = (time: string) =>
  time === "" ? "" : new Date(Date.parse(time) - LOOK_BACK_MS).toISOString();

/** One table's changes: rows from a little before the newest seen, each emitted once. */
class ChangeFeed<R> {
  private readonly seen = new Map<string, string>();

  constructor(
    private since: string,
    private readonly read: (from: string, limit: number) => Promise<R[]>,
    private readonly keyOf: (row: R) => string,
    private readonly timeOf: (row: R) => string,
  ) {}

  async next(): Promise<R[]> {
    const fresh: R[] = [];
    let from = lookBack(this.since);
    for (let page = 0; page < MAX_PAGES; page++) {
      const rows = await this.read(from, PAGE);
      for (const row of rows) {
        const key = this.keyOf(row);
        if (this.seen.has(key)) continue;
        this.seen.set(key, this.timeOf(row));
        fresh.push(row);
        if (this.timeOf(row) > this.since) this.since = this.timeOf(row);
      }
      if (rows.length < PAGE) break;
      from = this.timeOf(rows.at(-1)!);
    }
    const horizon = lookBack(this.since);
    for (const [key, time] of this.seen) if (time < horizon) this.seen.delete(key);
    return fresh;
  }
}

interface Feeds {
  runs: ChangeFeed<FinishedRun>;
  profiles: ChangeFeed<UpdatedProfile>;
  jobs: ChangeFeed<UpdatedJob>;
}

export class LiveUpdates {
  private readonly clients = new Set<ServerResponse>();
  private kept: Array<{ seq: number; text: string }> = [];
  private seq = 0;
  /** Names this poller's run of events: an id from another (a restart) cannot be resumed. */
  private epoch = randomBytes(4).toString("hex");
  private polling:
    | { timer?: NodeJS.Timeout; stopTimer?: NodeJS.Timeout; feeds?: Feeds; reading?: Promise<void> }
    | undefined;
  private heartbeat: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly db: Store,
    private readonly options: LiveUpdateOptions,
    private readonly log: FastifyBaseLogger,
  ) {}

  get listeners(): number {
    return this.clients.size;
  }

  /**
   * Takes a request over as an event stream (the reply is hijacked: no hook runs after this, so the
   * security headers are written here). Refused with 503 while closing or when too many listen.
   */
  admit(request: FastifyRequest, reply: FastifyReply): void {
    if (this.closed) throw new ApiError(503, "shutting_down", "the server is stopping; reconnect shortly");
    if (this.clients.size >= this.options.maxClients)
      throw new ApiError(
        503,
        "too_many_streams",
        `this server already streams to ${this.options.maxClients} clients: close another dashboard tab, or poll the API instead`,
      );
    reply.hijack();
    const response = reply.raw;
    response.writeHead(200, {
      ...securityHeaders(request.url),
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      // nginx and similar proxies would otherwise buffer the stream.
      "x-accel-buffering": "no",
    });
    response.write(`retry: ${this.options.retryMs}\n\n`);
    this.replay(response, request.headers["last-event-id"]);
    this.clients.add(response);
    response.on("close", () => this.leave(response));
    this.ensurePolling();
  }

  /** Ends every stream and stops polling (the app is closing). */
  async close(): Promise<void> {
    this.closed = true;
    const reading = this.polling?.reading;
    this.stopPolling();
    await reading;
    for (const response of this.clients) response.end();
    this.clients.clear();
  }

  private replay(response: ServerResponse, lastEventId: string | string[] | undefined): void {
    if (typeof lastEventId !== "string" || lastEventId === "") return;
    const [epoch, seqText] = lastEventId.split("-");
    const seq = Number(seqText);
    const oldest = this.kept[0]?.seq ?? this.seq + 1;
    if (epoch === this.epoch && Number.isInteger(seq) && seq >= oldest - 1 && seq <= this.seq) {
      for (const event of this.kept) if (event.seq > seq) response.write(event.text);
      return;
    }
    response.write(
      `event: reset\ndata: ${JSON.stringify({ reason: "the events since Last-Event-ID are no longer known: read the state again" })}\n\n`,
    );
  }

  private leave(response: ServerResponse): void {
    this.clients.delete(response);
    if (this.clients.size === 0 && this.polling && !this.polling.stopTimer) {
      this.polling.stopTimer = setTimeout(() => this.stopPolling(), this.options.idleStopMs);
      this.polling.stopTimer.unref();
    }
  }

  private ensurePolling(): void {
    if (this.polling) {
      clearTimeout(this.polling.stopTimer);
      this.polling.stopTimer = undefined;
      return;
    }
    const polling: NonNullable<LiveUpdates["polling"]> = {};
    this.polling = polling;
    this.heartbeat = setInterval(() => this.write(": heartbeat\n\n"), this.options.heartbeatMs);
    this.heartbeat.unref();
    const read = async () => {
      try {
        polling.feeds ??= await this.openFeeds();
        const events = await this.changes(polling.feeds);
        if (this.polling === polling) this.broadcast(events);
      } catch (error) {
        this.log.warn({ err: error }, "reading changes for the live update stream failed");
      }
    };
    const tick = () => {
      polling.reading = read().then(() => {
        if (this.polling !== polling) return;
        polling.timer = setTimeout(tick, this.options.pollMs);
        polling.timer.unref();
      });
    };
    tick();
  }

  /** Starts at the newest change of each kind; the rows just before it are read once, not sent. */
  private async openFeeds(): Promise<Feeds> {
    const latest = await latestChangeTimes(this.db);
    const feeds: Feeds = {
      runs: new ChangeFeed(
        latest.runs ?? "",
        (from, limit) => runsFinishedFrom(this.db, from, limit),
        (row) => row.id,
        (row) => row.finishedAt,
      ),
      profiles: new ChangeFeed(
        latest.profiles ?? "",
        (from, limit) => profilesUpdatedFrom(this.db, from, limit),
        (row) => `${row.id} ${row.updatedAt}`,
        (row) => row.updatedAt,
      ),
      jobs: new ChangeFeed(
        latest.jobs ?? "",
        (from, limit) => jobsUpdatedFrom(this.db, from, limit),
        (row) => `${row.id} ${row.updatedAt}`,
        (row) => row.updatedAt,
      ),
    };
    await Promise.all([feeds.runs.next(), feeds.profiles.next(), feeds.jobs.next()]);
    return feeds;
  }

  private async changes(feeds: Feeds): Promise<LiveEvent[]> {
    const [profiles, runs, jobs] = await Promise.all([
      feeds.profiles.next(),
      feeds.runs.next(),
      feeds.jobs.next(),
    ]);
    return [
      ...profiles.map((row) => ({ type: "profile" as const, data: profileEvent(row) })),
      ...runs.map((row) => ({ type: "run" as const, data: runEvent(row) })),
      ...jobs.map((row) => ({ type: "job" as const, data: jobEvent(row) })),
    ];
  }

  private broadcast(events: LiveEvent[]): void {
    for (const event of events) {
      const seq = ++this.seq;
      const text = `id: ${this.epoch}-${seq}\nevent: ${event.type}\ndata: ${JSON.stringify(event.data)}\n\n`;
      this.kept.push({ seq, text });
      this.write(text);
    }
    if (this.kept.length > KEPT_EVENTS) this.kept = this.kept.slice(-KEPT_EVENTS);
  }

  private write(text: string): void {
    for (const response of this.clients) {
      if (response.writableLength > MAX_BUFFERED_BYTES) {
        response.destroy();
        this.clients.delete(response);
        continue;
      }
      response.write(text);
    }
  }

  /** Nobody listens: no more reads, and the events kept so far cannot be resumed from any more. */
  private stopPolling(): void {
    if (!this.polling) return;
    clearTimeout(this.polling.timer);
    clearTimeout(this.polling.stopTimer);
    clearInterval(this.heartbeat);
    this.polling = undefined;
    this.kept = [];
    this.epoch = randomBytes(4).toString("hex");
  }
}
