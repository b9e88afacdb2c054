import { sql } from "kysely";
import { expect, it } from "vitest";
import { fixedQuery } from "../../src/store/compiled.js";
import { type Store, transaction } from "../../src/store/database.js";
import { someProfile, T0 } from "./fixtures.js";
import { describeStores } from "./targets.js";

const renameQuery = fixedQuery((db: Store, p: { id: string; name: string; updatedAt: string }) =>
  db.updateTable("profiles").set({ name: p.name, updatedAt: p.updatedAt }).where("id", "=", p.id),
);

const findQuery = fixedQuery((db: Store, p: { id: string }) =>
  db
    .selectFrom("profiles")
    .select(["id", "name", "mailboxA"])
    // A constant of the builder stays bound as it was compiled.
    .where("startMode", "=", "merge")
    .where(sql<boolean>`${sql.ref("id")} = ${p.id}`),
);

describeStores("queries compiled once", ({ db }) => {
  it("binds new values on every run, and maps rows to camelCase like any query", async () => {
    const first = await someProfile(db());
    const second = await someProfile(db());

    expect(await findQuery.rows(db(), { id: first.id })).toEqual([
      { id: first.id, name: first.name, mailboxA: first.mailboxA },
    ]);
    expect(await findQuery.rows(db(), { id: second.id })).toEqual([
      { id: second.id, name: second.name, mailboxA: second.mailboxA },
    ]);
    expect(
      await renameQuery.affected(db(), { id: second.id, name: "Renamed", updatedAt: T0.toISOString() }),
    ).toBe(1n);
    expect(await renameQuery.affected(db(), { id: "nobody", name: "x", updatedAt: T0.toISOString() })).toBe(
      0n,
    );
    expect((await findQuery.rows(db(), { id: second.id }))[0]?.name).toBe("Renamed");
    expect((await findQuery.rows(db(), { id: first.id }))[0]?.name).toBe(first.name);
  });

  it("keeps the constants the builder put in the query", async () => {
    const onlyNew = await someProfile(db(), { startMode: "only_new" });
    expect(await findQuery.rows(db(), { id: onlyNew.id })).toEqual([]);
  });

  it("runs inside a transaction, which rolls back with it", async () => {
    const profile = await someProfile(db());
    await expect(
      transaction(db(), async (trx) => {
        await renameQuery.run(trx, { id: profile.id, name: "Inside", updatedAt: T0.toISOString() });
        expect((await findQuery.rows(trx, { id: profile.id }))[0]?.name).toBe("Inside");
        throw new Error("abort");
      }),
    ).rejects.toThrow("abort");
    expect((await findQuery.rows(db(), { id: profile.id }))[0]?.name).toBe(profile.name);
  });

  it("compiles again for a view of the store without the camelCase plugin", async () => {
    const profile = await someProfile(db());
    const plain = db().withoutPlugins() as unknown as Store;
    const snake = fixedQuery((store: Store, p: { id: string }) =>
      store.selectFrom("profiles").select(["id", "mailboxA"]).where("id", "=", p.id),
    );
    expect(await snake.rows(db(), { id: profile.id })).toEqual([
      { id: profile.id, mailboxA: profile.mailboxA },
    ]);
    await expect(snake.rows(plain, { id: profile.id })).rejects.toThrow(/mailboxA|column/i);
  });

  it("refuses to run with a value missing (Kysely would have left its column out)", async () => {
    await expect(
      renameQuery.run(db(), { id: "x", name: undefined as unknown as string, updatedAt: T0.toISOString() }),
    ).rejects.toThrow(/no value for name/);
  });
});
