/**
 * What the service benchmarks share: the service as `crosscal serve` runs it on SQLite (a CrosscalService
 * and its REST app on a local port, the app's webhook work handed to the service), over a store holding
 * two connections to the emulator's tenants, one sync and a profile per person, each started through the
 * profile actions (merge). With `publicUrl` the start makes a real Graph subscription per mailbox, so the
 * emulator must be started with `--allow-http-notifications`.
 */
import { randomBytes, randomUUID } from "node:crypto";
import { credentialContext } from "../src/connections/stored-connection.js";
import type { RunReport } from "../src/engine/run-profile.js";
import type { StoredRunRequest } from "../src/jobs/profile-runner.js";
import { CrosscalService } from "../src/jobs/service.js";
import { SecretBox } from "../src/secrets/secret-box.js";
import { type App, buildApp } from "../src/server/app.js";
import { insertConnection } from "../src/store/connections.js";
import type { Store } from "../src/store/database.js";
import { insertProfile } from "../src/store/profiles.js";
import { insertSync } from "../src/store/syncs.js";
import { freePort } from "../test/helpers/wait.js";
import { DOMAINS, mailboxOf, openStore, SETTINGS, type StartLine } from "./engine-harness.js";

export interface BenchService {
  db: Store;
  service: CrosscalService;
  app: App;
  port: number;
  /** The profiles, in the order of `people`. */
  ids: string[];
  /** The connection of tenant A (contoso.test). */
  connectionA: string;
  close(): Promise<void>;
}

export interface BenchServiceOptions {
  /** Every run's report, as the service's run observer sees it. */
  finished?(report: RunReport, request: StoredRunRequest): void;
}

/** The service, listening, with every person's profile started and its first run done. */
export async function startBenchService(
  emulator: StartLine,
  people: string[],
  options: BenchServiceOptions = {},
): Promise<BenchService> {
  const { db, close } = await openStore();
  const box = new SecretBox(randomBytes(32));
  const { ids, connectionA } = await seedServiceStore(db, box, emulator, people);
  const port = await freePort();
  const service = new CrosscalService({
    db,
    secrets: box,
    publicUrl: `http://127.0.0.1:${port}`,
    log: { info() {}, warn: (d, m) => console.error(m, d), error: (d, m) => console.error(m, d) },
    observer: {
      finished: (report, request) => options.finished?.(report, request),
      threw: (error) => console.error(error),
    },
  });
  const app = await buildApp({ db, secrets: box, service: service.hooks });
  const stop = async () => {
    await service.stop();
    await app.close();
    await close();
  };
  try {
    await app.listen({ port, host: "127.0.0.1" });
    const started = await service.hooks.actions.apply("start", ids, { actor: "bench", mode: "merge" });
    if (started.some((result) => !result.ok))
      throw new Error(`start failed: ${JSON.stringify(started.find((r) => !r.ok))}`);
    await service.idle();
  } catch (error) {
    await stop();
    throw error;
  }
  return { db, service, app, port, ids, connectionA, close: stop };
}

/** Two connections (one per tenant of the seed), one merge sync between them, a verified profile per person. */
async function seedServiceStore(db: Store, box: SecretBox, emulator: StartLine, people: string[]) {
  const connection = async (side: "A" | "B") => {
    const tenant = emulator.tenants.find((t) => t.domain === DOMAINS[side])!;
    const id = randomUUID();
    return insertConnection(
      db,
      {
        id,
        name: DOMAINS[side],
        tenant: tenant.id,
        clientId: tenant.clientId,
        credentialKind: "secret",
        sealedCredential: box.seal(tenant.clientSecret, credentialContext(id)),
        certificatePem: null,
        certificateThumbprint: null,
        cloud: "custom",
        authorityHost: emulator.url,
        graphHost: emulator.url,
        graphScope: "https://graph.microsoft.com/.default",
        probeMailbox: null,
      },
      new Date(),
    );
  };
  const [a, b] = [await connection("A"), await connection("B")];
  const sync = await insertSync(
    db,
    {
      id: randomUUID(),
      name: "bench",
      connectionA: a.id,
      connectionB: b.id,
      startMode: "merge",
      settings: JSON.stringify(SETTINGS),
    },
    new Date(),
  );
  const ids: string[] = [];
  for (const name of people) {
    const profile = await insertProfile(
      db,
      {
        sync: sync.id,
        name,
        mailboxA: mailboxOf(name, "A"),
        mailboxB: mailboxOf(name, "B"),
        startMode: "merge",
      },
      new Date(),
    );
    ids.push(profile.id);
  }
  await db.updateTable("profiles").set({ mailboxCheck: "verified" }).execute();
  return { ids, connectionA: a.id };
}
