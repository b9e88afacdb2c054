import { beforeEach, expect, it } from "vitest";
import {
  claimConnectionRecheck,
  deleteConnection,
  findConnection,
  findConnectionByName,
  insertConnection,
  listConnections,
  listConnectionsDueForRecheck,
  type NewConnection,
  recordConnectionCheck,
  scheduleConnectionRecheck,
  updateConnection,
} from "../../src/store/connections.js";
import { StoreConflictError } from "../../src/store/errors.js";
import { at as atDate, newConnection, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

/** Minutes after T0, as the store writes them. */
const at = (minutes: number) => atDate(minutes).toISOString();

const contoso = (overrides: Partial<NewConnection> = {}): NewConnection =>
  newConnection("c0000000-0000-4000-8000-000000000001", "contoso", overrides);

describeStores("connections", ({ db }) => {
  // Connections hang off no profile: the shared reset does not reach them.
  beforeEach(async () => {
    await db().deleteFrom("connections").execute();
  });

  it("stores a connection unchecked and reads it back by id, by name and in the list", async () => {
    const row = await insertConnection(db(), contoso(), T0);

    expect(row).toEqual({
      ...contoso(),
      appliedHash: null,
      status: "unchecked",
      statusReason: null,
      checkedAt: null,
      recheckAt: null,
      recheckAttempts: 0,
      createdAt: "2025-03-01T09:00:00.000Z",
      updatedAt: "2025-03-01T09:00:00.000Z",
    });
    expect(await findConnection(db(), row.id)).toEqual(row);
    expect(await findConnectionByName(db(), "contoso")).toEqual(row);
    expect(await listConnections(db())).toEqual([row]);
    expect(await findConnection(db(), "c0000000-0000-4000-8000-00000000ffff")).toBeUndefined();
  });

  it("keeps names unique", async () => {
    await insertConnection(db(), contoso(), T0);
    await expect(
      insertConnection(db(), contoso({ id: "c0000000-0000-4000-8000-000000000002" }), T0),
    ).rejects.toBeInstanceOf(StoreConflictError);
    const fabrikam = await insertConnection(
      db(),
      contoso({ id: "c0000000-0000-4000-8000-000000000002", name: "fabrikam" }),
      T0,
    );
    await expect(
      updateConnection(db(), fabrikam.id, { name: "contoso" }, at(1), { resetStatus: false }),
    ).rejects.toBeInstanceOf(StoreConflictError);
    expect((await listConnections(db())).map((c) => c.name)).toEqual(["contoso", "fabrikam"]);
  });

  it("records a check, keeps it across a rename and clears it on a change that voids it", async () => {
    const { id } = await insertConnection(db(), contoso(), T0);
    const checked = await recordConnectionCheck(db(), id, { status: "connected", reason: "read it" }, at(5));
    expect(checked).toMatchObject({ status: "connected", statusReason: "read it", checkedAt: at(5) });

    const renamed = await updateConnection(db(), id, { name: "contoso-hq" }, at(6), { resetStatus: false });
    expect(renamed).toMatchObject({
      name: "contoso-hq",
      status: "connected",
      updatedAt: at(6),
      createdAt: at(0),
    });

    const rekeyed = await updateConnection(
      db(),
      id,
      {
        sealedCredential: "v1.keyid.iv2.tag2.other",
        cloud: "custom",
        authorityHost: "https://login.example",
      },
      at(7),
      { resetStatus: true },
    );
    expect(rekeyed).toMatchObject({
      sealedCredential: "v1.keyid.iv2.tag2.other",
      cloud: "custom",
      authorityHost: "https://login.example",
      status: "unchecked",
      statusReason: null,
      checkedAt: null,
      updatedAt: at(7),
    });
    expect(await findConnection(db(), id)).toEqual(rekeyed);
  });

  it("answers undefined for an unknown id and deletes a connection once", async () => {
    const unknown = "c0000000-0000-4000-8000-00000000ffff";
    expect(
      await updateConnection(db(), unknown, { name: "x" }, at(1), { resetStatus: false }),
    ).toBeUndefined();
    expect(
      await recordConnectionCheck(db(), unknown, { status: "error", reason: "x" }, at(1)),
    ).toBeUndefined();

    const row = await insertConnection(db(), contoso(), T0);
    expect(await deleteConnection(db(), row.id)).toEqual(row);
    expect(await deleteConnection(db(), row.id)).toBeUndefined();
    expect(await listConnections(db())).toEqual([]);
  });

  it("schedules re-checks, lists the due ones oldest first and lets one caller claim each", async () => {
    const first = await insertConnection(db(), contoso(), T0);
    const second = await insertConnection(
      db(),
      contoso({ id: "c0000000-0000-4000-8000-000000000002", name: "fabrikam" }),
      T0,
    );
    expect(first).toMatchObject({ recheckAt: null, recheckAttempts: 0 });
    await scheduleConnectionRecheck(db(), first.id, { at: at(10), attempts: 2 });
    await scheduleConnectionRecheck(db(), second.id, { at: at(5), attempts: 0 });

    expect(await listConnectionsDueForRecheck(db(), at(4))).toEqual([]);
    expect((await listConnectionsDueForRecheck(db(), at(10))).map((row) => row.name)).toEqual([
      "fabrikam",
      "contoso",
    ]);

    const claimed = await claimConnectionRecheck(db(), first.id, at(10), at(12));
    expect(claimed).toMatchObject({ recheckAt: at(12), recheckAttempts: 2 });
    // The second caller read the old time: the row is no longer its to take.
    expect(await claimConnectionRecheck(db(), first.id, at(10), at(13))).toBeUndefined();
    expect((await listConnectionsDueForRecheck(db(), at(11))).map((row) => row.name)).toEqual(["fabrikam"]);

    const cleared = await scheduleConnectionRecheck(db(), first.id, { at: null, attempts: 3 });
    expect(cleared).toMatchObject({ recheckAt: null, recheckAttempts: 3 });
    expect(await listConnectionsDueForRecheck(db(), at(100))).toHaveLength(1);
  });

  it("restarts the re-check schedule on a change that voids the last check, not on a rename", async () => {
    const { id } = await insertConnection(db(), contoso(), T0);
    await scheduleConnectionRecheck(db(), id, { at: at(3), attempts: 4 });
    const renamed = await updateConnection(db(), id, { name: "contoso-hq" }, at(1), { resetStatus: false });
    expect(renamed).toMatchObject({ recheckAt: at(3), recheckAttempts: 4 });
    const rekeyed = await updateConnection(db(), id, { sealedCredential: "v1.other" }, at(2), {
      resetStatus: true,
    });
    expect(rekeyed).toMatchObject({ recheckAt: null, recheckAttempts: 0 });
    expect(
      await scheduleConnectionRecheck(db(), "c0000000-0000-4000-8000-00000000ffff", {
        at: null,
        attempts: 0,
      }),
    ).toBeUndefined();
  });
});
