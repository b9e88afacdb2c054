/**
 * A store the size of a large deployment, for the benchmarks of the dashboard and the API it calls
 * (profiles-api.ts, dashboard.ts): connections, syncs and profiles with runs and copies, and the
 * administrator signed in over HTTP as the dashboard is.
 */
import { randomUUID } from "node:crypto";
import { sql } from "kysely";
import { request } from "undici";
import { issueSetupTokenIfNeeded } from "../src/server/auth/setup.js";
import { insertConnection } from "../src/store/connections.js";
import type { Store } from "../src/store/database.js";
import type { MailboxCheck, ProfileSource, ProfileStatus } from "../src/store/schema.js";
import { insertSync } from "../src/store/syncs.js";
import { newConnection } from "../test/store/fixtures.js";
import { SETTINGS } from "./engine-harness.js";

const FIRST = [
  "Adele",
  "Alex",
  "Megan",
  "Lee",
  "Nestor",
  "Joni",
  "Grady",
  "Isaiah",
  "Lidia",
  "Lynne",
  "Miriam",
  "Patti",
  "Pradeep",
  "Diego",
  "Christie",
  "Enrico",
  "Irvin",
  "Johanna",
  "Debra",
  "Allan",
];
const LAST = [
  "Vance",
  "Wilber",
  "Bowen",
  "Gu",
  "Wilke",
  "Sherman",
  "Archie",
  "Langer",
  "Holloway",
  "Robbins",
  "Graham",
  "Fernandez",
  "Gupta",
  "Siciliani",
  "Cline",
  "Ramirez",
  "Lamb",
  "Fox",
  "Berg",
  "Deyoung",
];
const STATUSES: Array<[ProfileStatus, number]> = [
  ["active", 0.7],
  ["paused", 0.1],
  ["error", 0.08],
  ["draft", 0.07],
  ["needs_confirmation", 0.05],
];
const SOURCES: ProfileSource[] = ["manual", "import", "import", "group", "config"];
const CHECKS: MailboxCheck[] = ["verified", "verified", "verified", "unverified", "invalid"];

/** A fixed pseudo-random sequence: every run of the benchmark seeds the same store. */
function random(seed: number) {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    return state / 2 ** 31;
  };
}

function pick<T>(choices: Array<[T, number]>, roll: number): T {
  let sum = 0;
  for (const [value, share] of choices) {
    sum += share;
    if (roll < sum) return value;
  }
  return choices.at(-1)![0];
}

const T0 = Date.parse("2025-01-01T00:00:00.000Z");
const iso = (ms: number) => new Date(ms).toISOString();

/** How big a store `seedProfiles` fills. */
export interface StoreSize {
  profiles: number;
  syncs: number;
  /** PostgreSQL: statistics and the visibility map after the bulk load, as autovacuum would leave them. */
  postgres?: boolean;
}

/**
 * Two connections, the syncs, the profiles (various statuses, sources and mailbox checks), most with one to
 * three runs, and some copies, in bulk inserts. The same store at every run of a benchmark. Returns the
 * syncs' ids.
 */
export async function seedProfiles(db: Store, size: StoreSize): Promise<string[]> {
  const { profiles: PROFILES, syncs: SYNCS } = size;
  const next = random(42);
  const [a, b] = await Promise.all(
    ["contoso", "fabrikam"].map((name) =>
      insertConnection(db, newConnection(randomUUID(), name), new Date(T0)),
    ),
  );
  const syncIds: string[] = [];
  for (let index = 0; index < SYNCS; index++) {
    const row = {
      id: randomUUID(),
      name: `sync-${String(index).padStart(2, "0")}`,
      startMode: "merge" as const,
    };
    const settings = JSON.stringify(SETTINGS);
    syncIds.push(
      (await insertSync(db, { ...row, connectionA: a!.id, connectionB: b!.id, settings }, new Date(T0))).id,
    );
  }
  const profiles = [];
  const runs = [];
  const links = [];
  for (let index = 0; index < PROFILES; index++) {
    const first = FIRST[Math.floor(next() * FIRST.length)]!;
    const last = LAST[Math.floor(next() * LAST.length)]!;
    const local = `${first}.${last}.${index}`.toLowerCase();
    const created = T0 + Math.floor(next() * 90 * 86_400_000);
    const id = randomUUID();
    const status = pick(STATUSES, next());
    profiles.push({
      id,
      sync: syncIds[index % SYNCS]!,
      name: `${first} ${last}`,
      mailboxA: `${local}@contoso.test`,
      mailboxB: `${local}@fabrikam.test`,
      status,
      statusReason: status === "error" ? "Graph answered 403" : null,
      startMode: "merge" as const,
      baselineTakenAt: status === "draft" ? null : iso(created),
      createdAt: iso(created),
      updatedAt: iso(created),
      source: SOURCES[index % SOURCES.length]!,
      bindingId: null,
      mailboxCheck: CHECKS[index % CHECKS.length]!,
      mailboxCheckReason: null,
      mailboxCheckedAt: iso(created),
    });
    if (status === "draft") continue;
    const runCount = 1 + Math.floor(next() * 3);
    for (let run = 0; run < runCount; run++) {
      const started = created + Math.floor(next() * 30 * 86_400_000);
      runs.push({
        id: randomUUID(),
        profileId: id,
        trigger: run === 0 ? "start" : "notification",
        startedAt: iso(started),
        finishedAt: iso(started + 800),
        outcome: status === "error" && run === runCount - 1 ? ("failed" as const) : ("ok" as const),
        counts: JSON.stringify({ created: 2, updated: 1 }),
        error: null,
      });
    }
    for (let copy = 0; copy < index % 4; copy++) {
      links.push({
        profileId: id,
        sourceSide: copy % 2 === 0 ? ("A" as const) : ("B" as const),
        sourceId: `src-${index}-${copy}`,
        copyId: `copy-${index}-${copy}`,
        owned: 1,
        icalUid: null,
        kind: "single" as const,
        seriesSourceId: null,
        originalStart: null,
        sourceVersion: "v1",
        copyVersion: "v1",
        contentHash: "h",
        createdAt: iso(created),
        updatedAt: iso(created),
      });
    }
  }
  const inChunks = async <T>(rows: T[], insert: (chunk: T[]) => Promise<unknown>) => {
    for (let at = 0; at < rows.length; at += 500) await insert(rows.slice(at, at + 500));
  };
  await inChunks(profiles, (chunk) => db.insertInto("profiles").values(chunk).execute());
  await inChunks(runs, (chunk) => db.insertInto("runs").values(chunk).execute());
  await inChunks(links, (chunk) => db.insertInto("links").values(chunk).execute());
  // What autovacuum does to a PostgreSQL table after a bulk load (statistics, and the visibility map that
  // lets the last-run sort read its index alone); SQLite's planner needs nothing of the kind.
  if (size.postgres) await sql`vacuum analyze`.execute(db);
  console.log(
    `store: ${profiles.length} profiles over ${SYNCS} syncs, ${runs.length} runs, ${links.length} copies`,
  );
  return syncIds;
}

export const ADMIN = { username: "admin", password: "correct horse battery staple" };

/**
 * Creates the administrator through first-run setup (the app at `base` must serve `db`) and signs in:
 * returns the session cookie (`crosscal_session=…`) the dashboard's requests carry.
 */
export async function setUpAndSignIn(db: Store, base: string): Promise<string> {
  const setupToken = await issueSetupTokenIfNeeded(db, new Date());
  const headers = { "content-type": "application/json" };
  const setup = await request(`${base}/api/setup`, {
    method: "POST",
    headers,
    body: JSON.stringify({ setupToken, ...ADMIN }),
  });
  await setup.body.dump();
  const login = await request(`${base}/api/auth/login`, {
    method: "POST",
    headers,
    body: JSON.stringify(ADMIN),
  });
  await login.body.dump();
  const setCookie = [login.headers["set-cookie"]].flat().find((c) => c?.startsWith("crosscal_session="));
  if (!setCookie) throw new Error(`login failed: ${login.statusCode}`);
  return setCookie.split(";")[0]!;
}
