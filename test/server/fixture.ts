import { Writable } from "node:stream";
import { afterAll, afterEach, beforeEach } from "vitest";
import { type App, buildApp, type ServerOptions } from "../../src/server/app.js";
import { issueSetupTokenIfNeeded } from "../../src/server/auth/setup.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { type BlankDatabase, createBlankDatabase, type Dialect } from "../store/targets.js";

export const USERNAME = "admin";
export const PASSWORD = "correct horse battery staple";
/** A cheap scrypt cost: tests hash many passwords; the format and the comparison are the same. */
export const TEST_COST = { N: 2 ** 10, r: 8, p: 1 };

/** A clock tests move by hand. */
export class TestClock {
  #now = new Date("2025-03-01T09:00:00.000Z");
  now = () => new Date(this.#now);
  advance(ms: number) {
    this.#now = new Date(this.#now.getTime() + ms);
  }
}

/** Collects every log line the app writes. */
export class MemoryLog extends Writable {
  text = "";
  override _write(chunk: Buffer, _encoding: string, done: () => void) {
    this.text += chunk.toString("utf8");
    done();
  }
}

export interface ServerContext {
  app(): App;
  db(): Store;
  clock: TestClock;
  log: MemoryLog;
  /** A fresh app on the same store, with other options. */
  rebuild(options?: Partial<ServerOptions>): Promise<App>;
}

/**
 * A migrated store (fresh per test file) and a new app before each test, with every admin table emptied:
 * each test starts at first run.
 */
export function useServer(dialect: Dialect = "sqlite", options: Partial<ServerOptions> = {}): ServerContext {
  let database: BlankDatabase | undefined;
  let store: Store | undefined;
  let current: App | undefined;
  const extra: App[] = [];
  const clock = new TestClock();
  const log = new MemoryLog();
  const build = (more: Partial<ServerOptions> = {}) =>
    buildApp({
      db: store!,
      now: clock.now,
      passwordCost: TEST_COST,
      log: { level: "info", stream: log },
      ...options,
      ...more,
    });

  beforeEach(async () => {
    if (!store) {
      database = await createBlankDatabase(dialect);
      store = openDatabase(database.target);
      await migrate(store);
    }
    for (const table of [
      "adminSessions",
      "adminSetupTokens",
      "apiTokens",
      "auditLog",
      "signInFailures",
      "adminUsers",
    ] as const) {
      await store.deleteFrom(table).execute();
    }
    log.text = "";
    current = await build();
  });
  afterEach(async () => {
    for (const app of [current, ...extra.splice(0)]) await app?.close();
  });
  afterAll(async () => {
    if (store) await closeDatabase(store);
    await database?.drop();
  });
  return {
    app: () => current!,
    db: () => store!,
    clock,
    log,
    rebuild: async (more) => {
      const app = await build(more);
      extra.push(app);
      return app;
    },
  };
}

/** The setup token `serve` would print, then the admin created with it. */
export async function setUpAdmin(ctx: ServerContext): Promise<void> {
  const setupToken = await issueSetupTokenIfNeeded(ctx.db(), ctx.clock.now());
  const response = await ctx.app().inject({
    method: "POST",
    url: "/api/setup",
    payload: { setupToken, username: USERNAME, password: PASSWORD },
  });
  if (response.statusCode !== 201) throw new Error(`setup failed: ${response.body}`);
}

export interface SignedIn {
  /** The Cookie header value. */
  cookie: string;
  csrfToken: string;
  /** Headers for an unsafe request from our own pages. */
  headers: Record<string, string>;
}

export async function signIn(app: App, username = USERNAME, password = PASSWORD): Promise<SignedIn> {
  const response = await app.inject({
    method: "POST",
    url: "/api/auth/login",
    payload: { username, password },
  });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.body}`);
  const session = response.cookies.find((c) => c.name === "crosscal_session");
  if (!session) throw new Error("login set no session cookie");
  const cookie = `crosscal_session=${session.value}`;
  const csrfToken = (response.json() as { csrfToken: string }).csrfToken;
  return { cookie, csrfToken, headers: { cookie, "x-csrf-token": csrfToken } };
}

/** An admin set up and signed in. */
export async function adminSession(ctx: ServerContext): Promise<SignedIn> {
  await setUpAdmin(ctx);
  return signIn(ctx.app());
}

export async function createApiToken(
  ctx: ServerContext,
  signedIn: SignedIn,
  name = "prometheus",
  scope: "read" | "admin" = "admin",
): Promise<string> {
  const response = await ctx.app().inject({
    method: "POST",
    url: "/api/tokens",
    headers: signedIn.headers,
    payload: { name, scope },
  });
  if (response.statusCode !== 201) throw new Error(`token creation failed: ${response.body}`);
  return (response.json() as { token: string }).token;
}
