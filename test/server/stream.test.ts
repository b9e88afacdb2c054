import { randomBytes, randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { CrosscalService } from "../../src/jobs/service.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { App } from "../../src/server/app.js";
import { insertConnection } from "../../src/store/connections.js";
import { insertProfile, updateProfileStatus } from "../../src/store/profiles.js";
import { finishRun, startRun, zeroCounts } from "../../src/store/runs.js";
import { insertSync } from "../../src/store/syncs.js";
import { SETTINGS } from "../engine/fixture.js";
import { eventually } from "../helpers/wait.js";
import { newConnection } from "../store/fixtures.js";
import { type SignedIn, setUpAdmin, signIn, useServer } from "./fixture.js";

// biome-ignore lint/suspicious/noExplicitAny: event data is read as JSON
type Json = Record<string, any>;

interface StreamEvent {
  id?: string;
  event?: string;
  data?: string;
  retry?: string;
  comment?: string;
}

/** One block of an event stream, field by field (https://html.spec.whatwg.org/multipage/server-sent-events.html). */
function parseBlock(block: string): StreamEvent {
  const event: StreamEvent = {};
  for (const line of block.split("\n")) {
    if (line.startsWith(":")) event.comment = line.slice(1).trim();
    const match = /^(id|event|data|retry): ?(.*)$/.exec(line);
    if (match) event[match[1] as "id"] = match[2];
  }
  return event;
}

/** A client of GET /api/stream over a real HTTP connection (undici's fetch), collecting what it reads. */
async function openStream(url: string, headers: Record<string, string>) {
  const controller = new AbortController();
  const response = await fetch(url, { headers, signal: controller.signal });
  const events: StreamEvent[] = [];
  let ended = false;
  const reading = (async () => {
    if (!response.body) return;
    const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
    let buffer = "";
    try {
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        buffer += value;
        for (let end = buffer.indexOf("\n\n"); end >= 0; end = buffer.indexOf("\n\n")) {
          events.push(parseBlock(buffer.slice(0, end)));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // aborted by the test
    } finally {
      ended = true;
    }
  })();
  return {
    response,
    events,
    get ended() {
      return ended;
    },
    of: (type: string) =>
      events.filter((event) => event.event === type).map((event) => JSON.parse(event.data!) as Json),
    close: async () => {
      controller.abort();
      await reading;
    },
  };
}

const BOX = new SecretBox(randomBytes(32));

for (const dialect of ["sqlite", "postgres"] as const) {
  describe(`live updates (GET /api/stream) [${dialect}]`, () => {
    const ctx = useServer(dialect, { secrets: BOX });
    let service: CrosscalService;
    let app: App;
    let admin: SignedIn;
    let base: string;
    let profileId: string;
    const streams: Array<{ close(): Promise<void> }> = [];

    const listen = async (liveUpdates = {}) => {
      app = await ctx.rebuild({
        service: service.hooks,
        now: () => new Date(),
        liveUpdates: { pollMs: 50, heartbeatMs: 200, ...liveUpdates },
      });
      base = await app.listen({ port: 0, host: "127.0.0.1" });
      // Signed in on this app, whose clock is the real one (as the rows the stream reads are written).
      admin = await signIn(app);
    };
    const readToken = async () => {
      const response = await app.inject({
        method: "POST",
        url: "/api/tokens",
        headers: admin.headers,
        payload: { name: "wallboard", scope: "read" },
      });
      return (response.json() as { token: string }).token;
    };
    const stream = async (headers: Record<string, string>) => {
      const opened = await openStream(`${base}/api/stream`, headers);
      streams.push(opened);
      return opened;
    };

    beforeEach(async () => {
      for (const table of ["jobs", "profiles", "syncs", "connections"] as const)
        await ctx.db().deleteFrom(table).execute();
      const connection = async (name: string) =>
        (await insertConnection(ctx.db(), newConnection(randomUUID(), `${name}-${randomUUID()}`), new Date()))
          .id;
      const sync = await insertSync(
        ctx.db(),
        {
          id: randomUUID(),
          name: `sync-${randomUUID()}`,
          connectionA: await connection("contoso"),
          connectionB: await connection("fabrikam"),
          startMode: "merge",
          settings: JSON.stringify(SETTINGS),
        },
        new Date(),
      );
      const profile = await insertProfile(
        ctx.db(),
        {
          sync: sync.id,
          name: "Adele",
          mailboxA: "adele@contoso.test",
          mailboxB: "adele@fabrikam.test",
          startMode: "merge",
        },
        new Date(),
      );
      await updateProfileStatus(ctx.db(), profile.id, "active", null, new Date());
      profileId = profile.id;
      service = new CrosscalService({
        db: ctx.db(),
        secrets: BOX,
        log: { info() {}, warn() {}, error: (detail, message) => console.error(message, detail) },
      });
      await setUpAdmin(ctx);
    });
    afterEach(async () => {
      for (const opened of streams.splice(0)) await opened.close();
      await service.stop();
    });

    it("streams a finished run and a pause to a client with a read token, over HTTP", async () => {
      await listen();
      const token = await readToken();
      const client = await stream({ authorization: `Bearer ${token}` });

      expect(client.response.status).toBe(200);
      expect(client.response.headers.get("content-type")).toBe("text/event-stream; charset=utf-8");
      expect(client.response.headers.get("x-content-type-options")).toBe("nosniff");
      expect(client.response.headers.get("cache-control")).toBe("no-store");
      await eventually("the retry line", () => client.events.some((event) => event.retry === "3000"));

      const run = await startRun(ctx.db(), { profileId, trigger: "notification" }, new Date());
      const counts = { ...zeroCounts(), created: 2 };
      await finishRun(ctx.db(), run.id, { outcome: "ok", counts, lagMs: 420 }, new Date());
      await eventually("the run event", () => client.of("run").length > 0);
      expect(client.of("run")).toEqual([
        {
          id: run.id,
          profileId,
          trigger: "notification",
          outcome: "ok",
          counts,
          error: null,
          startedAt: run.startedAt,
          finishedAt: expect.any(String),
          lagMs: 420,
        },
      ]);

      const paused = await app.inject({
        method: "POST",
        url: `/api/profiles/${profileId}/pause?reason=holiday`,
        headers: admin.headers,
      });
      expect(paused.statusCode).toBe(200);
      await eventually("the profile event", () => client.of("profile").length > 0);
      expect(client.of("profile")).toEqual([
        expect.objectContaining({ id: profileId, name: "Adele", status: "paused", statusReason: "holiday" }),
      ]);
      await eventually("a heartbeat", () => client.events.some((event) => event.comment === "heartbeat"));
      expect(
        client.events.filter((event) => event.event).every((event) => /^[0-9a-f]+-\d+$/.test(event.id!)),
      ).toBe(true);
    });

    it("streams a job's progress, and sends what a reconnecting client missed since its Last-Event-ID", async () => {
      await listen();
      const first = await stream({ cookie: admin.cookie });
      await eventually("the stream open", () => first.events.length > 0);
      const run = await startRun(ctx.db(), { profileId, trigger: "schedule" }, new Date());
      await finishRun(ctx.db(), run.id, { outcome: "ok", counts: zeroCounts() }, new Date());
      await eventually("the run event", () => first.of("run").length === 1);
      const lastId = first.events.findLast((event) => event.event)!.id!;
      await first.close();

      const observer = await stream({ cookie: admin.cookie });
      await eventually("the stream open", () => observer.events.length > 0);
      const queued = await app.inject({
        method: "POST",
        url: "/api/profiles/actions",
        headers: admin.headers,
        payload: { action: "pause", ids: [profileId], background: true },
      });
      expect(queued.statusCode).toBe(202);
      const jobId = queued.json().id;
      await eventually("the job done", () =>
        observer.of("job").some((job) => job.id === jobId && job.status === "done"),
      );
      expect(observer.of("job").at(-1)).toMatchObject({
        kind: "profile_action",
        action: "pause",
        total: 1,
        done: 1,
      });

      const resumed = await stream({ cookie: admin.cookie, "last-event-id": lastId });
      await eventually("the missed events", () => resumed.of("job").some((job) => job.status === "done"));
      expect(resumed.of("profile").map((profile) => [profile.id, profile.status])).toEqual([
        [profileId, "paused"],
      ]);
      expect(resumed.of("run")).toEqual([]);

      const stale = await stream({ cookie: admin.cookie, "last-event-id": "0000-1" });
      await eventually("the reset event", () => stale.events.some((event) => event.event === "reset"));
    });

    it("refuses clients beyond the limit, anonymous ones too, and closes every stream when the app closes", async () => {
      await listen({ maxClients: 2 });
      const anonymous = await fetch(`${base}/api/stream`);
      expect(anonymous.status).toBe(401);
      const clients = [await stream({ cookie: admin.cookie }), await stream({ cookie: admin.cookie })];
      const refused = await fetch(`${base}/api/stream`, { headers: { cookie: admin.cookie } });
      expect([refused.status, ((await refused.json()) as Json).error.code]).toEqual([
        503,
        "too_many_streams",
      ]);
      await eventually("both streams open", () => clients.every((client) => client.events.length > 0));

      const closed = Promise.race([
        app.close().then(() => "closed"),
        new Promise((resolve) => setTimeout(() => resolve("hung"), 5_000)),
      ]);
      expect(await closed).toBe("closed");
      await eventually("both streams ended", () => clients.every((client) => client.ended));
    });
  });
}
