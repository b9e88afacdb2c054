import { mkdtemp, rm } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import SQLite from "better-sqlite3";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { StatementCachingDatabase } from "../../src/store/sqlite-statements.js";

describe("SQLite statements prepared once", () => {
  let dir: string;
  let database: StatementCachingDatabase;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), "crosscal-statements-"));
    database = new StatementCachingDatabase(new SQLite(path.join(dir, "test.db")), 2);
    database.database.exec("create table t (id integer primary key, name text)");
  });
  afterEach(async () => {
    database.close();
    await rm(dir, { recursive: true, force: true });
  });

  it("runs the same SQL again with new parameters, reading and writing", () => {
    const insert = "insert into t (name) values (?)";
    expect(database.prepare(insert).reader).toBe(false);
    expect(database.prepare(insert).run(["a"]).changes).toBe(1);
    expect(database.prepare(insert).run(["b"]).changes).toBe(1);
    expect(database.prepare("select name from t order by id").all([])).toEqual([
      { name: "a" },
      { name: "b" },
    ]);
    expect(database.prepare("select name from t where id = ?").all([2])).toEqual([{ name: "b" }]);
    expect(database.size).toBe(2);
  });

  it("keeps at most its capacity, dropping the least recently used", () => {
    const a = database.prepare("select 1 as n");
    database.prepare("select 2 as n");
    expect(database.prepare("select 1 as n")).toBe(a);
    database.prepare("select 3 as n");
    expect(database.size).toBe(2);
    // "select 2" went, "select 1" (used more recently) stayed.
    expect(database.prepare("select 1 as n")).toBe(a);
    expect(database.prepare("select 1 as n").all([])).toEqual([{ n: 1 }]);
  });

  it("lets a statement run while the same SQL is being iterated", () => {
    for (const name of ["a", "b", "c"]) database.prepare("insert into t (name) values (?)").run([name]);
    const select = "select name from t where id >= ? order by id";
    const seen: unknown[] = [];
    for (const row of database.prepare(select).iterate([1])) {
      seen.push(row, database.prepare(select).all([3]));
    }
    expect(seen).toHaveLength(6);
    expect(seen[1]).toEqual([{ name: "c" }]);
  });

  it("sees a changed schema in statements it kept", () => {
    const select = "select * from t";
    database.prepare("insert into t (name) values (?)").run(["a"]);
    expect(database.prepare(select).all([])).toEqual([{ id: 1, name: "a" }]);
    database.database.exec("alter table t add column extra text default 'x'");
    expect(database.prepare(select).all([])).toEqual([{ id: 1, name: "a", extra: "x" }]);
  });
});
