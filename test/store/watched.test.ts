import { CompiledQuery } from "kysely";
import { beforeEach, expect, it } from "vitest";
import { insertConnection } from "../../src/store/connections.js";
import { updateProfileStatus } from "../../src/store/profiles.js";
import { insertSync } from "../../src/store/syncs.js";
import { profilesOfMailbox, profilesOfMailboxQuery } from "../../src/store/watched.js";
import { newConnection, someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

describeStores("who reads a notified mailbox", ({ db, dialect }) => {
  beforeEach(async () => {
    await db().deleteFrom("profiles").execute();
    await db().deleteFrom("syncs").execute();
    await db().deleteFrom("connections").execute();
    for (const [id, name] of [
      ["c-a", "contoso"],
      ["c-b", "fabrikam"],
      ["c-c", "northwind"],
    ])
      await insertConnection(db(), newConnection(id!, name!), T0);
    const sync = (id: string, connectionA: string, connectionB: string) =>
      insertSync(db(), { id, name: id, connectionA, connectionB, startMode: "merge", settings: "{}" }, T0);
    await sync("s-ab", "c-a", "c-b");
    await sync("s-cb", "c-c", "c-b");
  });

  const profile = async (sync: string, mailboxA: string, mailboxB: string, status = "active") => {
    const row = await someProfile(db(), { sync, mailboxA, mailboxB });
    await updateProfileStatus(db(), row.id, status as "active", null, T0);
    return row.id;
  };

  it("finds the runnable profiles that read the mailbox through the connection, on their side, whatever the case", async () => {
    const adele = await profile("s-ab", "Adele@contoso.example", "adele@FABRIKAM.example");
    const adeleFromNorthwind = await profile("s-cb", "adele@northwind.example", "Adele@fabrikam.example");
    const failing = await profile("s-ab", "lee@contoso.example", "lee@fabrikam.example", "error");
    await profile("s-ab", "megan@contoso.example", "adele.v@fabrikam.example");
    await profile("s-ab", "alex@contoso.example", "ADELE@fabrikam.example", "paused");

    const sorted = (rows: Array<{ profileId: string; side: string }>) =>
      rows.sort((x, y) => x.profileId.localeCompare(y.profileId));
    expect(sorted(await profilesOfMailbox(db(), "c-b", "adele@fabrikam.example"))).toEqual(
      sorted([
        { profileId: adele, side: "B" },
        { profileId: adeleFromNorthwind, side: "B" },
      ]),
    );
    expect(await profilesOfMailbox(db(), "c-a", "ADELE@Contoso.Example")).toEqual([
      { profileId: adele, side: "A" },
    ]);
    expect(await profilesOfMailbox(db(), "c-a", "lee@contoso.example")).toEqual([
      { profileId: failing, side: "A" },
    ]);
    // The same address through a connection no sync reads it through, and a paused profile's mailbox.
    expect(await profilesOfMailbox(db(), "c-c", "adele@fabrikam.example")).toEqual([]);
    expect(await profilesOfMailbox(db(), "c-a", "alex@contoso.example")).toEqual([]);
  });

  it("looks each side up through its index on lower(mailbox), never reading every profile", async () => {
    const compiled = profilesOfMailboxQuery(db(), "c-b", "adele@fabrikam.example").compile();
    const steps = await db()
      .transaction()
      .execute(async (trx) => {
        if (dialect === "sqlite") {
          const plan = await trx.executeQuery<{ detail: string }>(
            CompiledQuery.raw(`explain query plan ${compiled.sql}`, [...compiled.parameters]),
          );
          return plan.rows.map((row) => row.detail);
        }
        // A table this small is read whole whichever indexes exist: ask whether an index can serve it.
        await trx.executeQuery(CompiledQuery.raw("set local enable_seqscan = off"));
        const plan = await trx.executeQuery<{ "QUERY PLAN": string }>(
          CompiledQuery.raw(`explain ${compiled.sql}`, [...compiled.parameters]),
        );
        return plan.rows.map((row) => row["QUERY PLAN"]);
      });

    expect(steps.filter((step) => step.includes("profiles_mailbox_a_lower_idx"))).toHaveLength(1);
    expect(steps.filter((step) => step.includes("profiles_mailbox_b_lower_idx"))).toHaveLength(1);
    expect(steps.filter((step) => /SCAN profiles|Seq Scan on profiles/.test(step))).toEqual([]);
  });
});
