import { randomBytes } from "node:crypto";
import type { RunningEmulator } from "m365-emulator";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { checkMailbox, verifyMailboxes } from "../../src/connections/mailbox-check.js";
import { StoredClients } from "../../src/connections/stored-clients.js";
import { SecretBox } from "../../src/secrets/secret-box.js";
import type { ConnectionRow } from "../../src/store/connections.js";
import { closeDatabase, migrate, openDatabase, type Store } from "../../src/store/database.js";
import { startTestEmulator } from "../helpers/emulator.js";
import { controlCall } from "../helpers/http.js";
import { type ServiceTenants, seedServiceTenants, storeConnection } from "../helpers/service-tenants.js";

const BOX = new SecretBox(randomBytes(32));
const RETRY = { retry: { maxAttempts: 2, baseDelayMs: 1, maxDelayMs: 1 } };

describe("mailbox checks against the emulator", () => {
  let emulator: RunningEmulator;
  let tenants: ServiceTenants;
  let db: Store;
  let contoso: ConnectionRow;
  let broken: ConnectionRow;
  let clients: StoredClients;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    tenants = await seedServiceTenants(emulator, { people: ["adele", "megan", "lee"] });
    const tenant = emulator.ctx.world.requireTenant("contoso.test");
    const principal = tenant.servicePrincipals.get(tenants.apps.A.clientId)!;
    principal.mailboxScope = ["adele", "megan"].map(
      (local) => emulator.ctx.world.userByIdOrUpn(tenant, `${local}@contoso.test`)!.id,
    );
    db = openDatabase(":memory:");
    await migrate(db);
    contoso = await storeConnection(db, BOX, tenants, "A");
    const wrongSecret = { ...tenants, apps: { ...tenants.apps, A: { ...tenants.apps.A, secret: "wrong" } } };
    broken = await storeConnection(db, BOX, wrongSecret, "A", "contoso-broken");
    clients = new StoredClients(db, BOX, RETRY);
  });
  afterAll(async () => {
    await closeDatabase(db);
    await emulator?.close();
  });

  const connection = (row: ConnectionRow) => ({ tenant: row.tenant, requester: clients.clientOf(row) });

  it("verifies a mailbox the app can read, with the user's id", async () => {
    const verdict = await checkMailbox(connection(contoso), "adele@contoso.test");
    expect(verdict).toMatchObject({
      mailbox: "adele@contoso.test",
      status: "verified",
      userId: expect.any(String),
    });
  });

  it("tells an unknown mailbox from one outside the app's Exchange scope", async () => {
    expect(await checkMailbox(connection(contoso), "ghost@contoso.test")).toEqual({
      mailbox: "ghost@contoso.test",
      status: "not_found",
      reason: "ghost@contoso.test not found in contoso.test",
    });
    const outside = await checkMailbox(connection(contoso), "lee@contoso.test");
    expect(outside.status).toBe("out_of_scope");
    expect(outside.reason).toContain("lee@contoso.test is outside the app's mailbox scope in contoso.test");
  });

  it("checks each (connection, mailbox) once, and stops asking a connection that cannot sign in", async () => {
    emulator.ctx.stats.reset();
    const verdicts = await verifyMailboxes(
      [
        { connectionId: contoso.id, mailbox: "adele@contoso.test" },
        { connectionId: contoso.id, mailbox: "ADELE@contoso.test" },
        { connectionId: contoso.id, mailbox: "megan@contoso.test" },
        { connectionId: broken.id, mailbox: "adele@contoso.test" },
        { connectionId: broken.id, mailbox: "megan@contoso.test" },
        { connectionId: broken.id, mailbox: "lee@contoso.test" },
      ],
      (id) => connection(id === contoso.id ? contoso : broken),
      1,
    );
    expect(verdicts.size).toBe(5);
    expect(verdicts.get(contoso.id, "Adele@Contoso.test")?.status).toBe("verified");
    expect(verdicts.get(contoso.id, "megan@contoso.test")?.status).toBe("verified");
    const failed = ["adele", "megan", "lee"].map((local) => verdicts.get(broken.id, `${local}@contoso.test`));
    expect(failed.map((verdict) => verdict?.status)).toEqual(Array(3).fill("connection_failed"));
    expect(failed[0]?.reason).toContain("cannot sign in to contoso.test");
    expect(failed[2]?.reason).toMatch(/^lee@contoso.test not checked: cannot sign in/);
    // Two reads per verified mailbox; the broken connection never reached Graph.
    expect(emulator.ctx.stats.snapshot().requests.total).toBe(4);
  });
});

/**
 * RBAC for Applications as Microsoft recommends it: the app's calendar access is an Exchange role
 * assignment scoped to some mailboxes, and its token holds User.Read.All and no calendar permission.
 */
describe("mailbox checks with calendar access from Exchange RBAC for Applications only", () => {
  let emulator: RunningEmulator;
  let db: Store;
  let rbac: ConnectionRow;
  let clients: StoredClients;

  beforeAll(async () => {
    emulator = await startTestEmulator();
    const tenants = await seedServiceTenants(emulator, { people: ["adele", "megan", "lee"] });
    const created = await controlCall(emulator, "POST", "/tenants/contoso.test/apps", {
      displayName: "crosscal-rbac",
      clientSecret: "rbac-secret",
      roles: ["User.Read.All"],
      exchangeRoleAssignments: [
        { role: "Application Calendars.ReadWrite", mailboxes: ["adele@contoso.test", "megan@contoso.test"] },
      ],
    });
    expect(created.status).toBe(201);
    const app = { tenant: "contoso.test", clientId: created.body.clientId as string, secret: "rbac-secret" };
    db = openDatabase(":memory:");
    await migrate(db);
    rbac = await storeConnection(
      db,
      BOX,
      { ...tenants, apps: { ...tenants.apps, A: app } },
      "A",
      "contoso-rbac",
    );
    clients = new StoredClients(db, BOX, RETRY);
  });
  afterAll(async () => {
    await closeDatabase(db);
    await emulator?.close();
  });

  const connection = () => ({ tenant: rbac.tenant, requester: clients.clientOf(rbac) });

  it("verifies a mailbox inside the role assignment's scope", async () => {
    expect(await checkMailbox(connection(), "adele@contoso.test")).toMatchObject({
      status: "verified",
      userId: expect.any(String),
    });
  });

  it("judges a mailbox outside the scope out_of_scope, naming both possible causes", async () => {
    const outside = await checkMailbox(connection(), "lee@contoso.test");
    expect(outside.status).toBe("out_of_scope");
    expect(outside.reason).toMatch(/^lee@contoso\.test cannot be read by the app in contoso\.test: /);
    expect(outside.reason).toContain("the token carries no calendar permission (it has User.Read.All)");
    expect(outside.reason).toContain("no calendar permission at all");
    expect(outside.reason).toContain("whose scope leaves lee@contoso.test out");
  });

  it("keeps checking the connection's other mailboxes after one outside the scope", async () => {
    const verdicts = await verifyMailboxes(
      ["lee", "adele", "megan"].map((local) => ({ connectionId: rbac.id, mailbox: `${local}@contoso.test` })),
      () => connection(),
      1,
    );
    expect(verdicts.get(rbac.id, "lee@contoso.test")?.status).toBe("out_of_scope");
    expect(verdicts.get(rbac.id, "adele@contoso.test")?.status).toBe("verified");
    expect(verdicts.get(rbac.id, "megan@contoso.test")?.status).toBe("verified");
  });
});
