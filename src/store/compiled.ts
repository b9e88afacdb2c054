import {
  type Compilable,
  type CompiledQuery,
  createQueryId,
  type DialectAdapter,
  type Kysely,
  type KyselyPlugin,
  type QueryResult,
} from "kysely";

/**
 * Queries of a fixed shape, built and compiled by Kysely once per dialect and then run with new values.
 *
 * Kysely builds an operation tree, runs the camelCase plugin over it and compiles it to SQL for every query;
 * for the small statements a sync run makes (a lease, a run row, a link, a decision), that took longer than
 * SQLite took to execute them. The statement built here has a placeholder wherever the caller's values go;
 * `run` binds the values in their place and executes the SQL Kysely compiled, through the same executor
 * (connection or transaction, and the plugins' result transformation: camelCase rows).
 *
 * Only for queries whose SQL does not depend on the values: every parameter must be a placeholder or a
 * constant of the builder, and a value must never be `undefined` (Kysely would have left its column out).
 * Hand-written because Kysely has no prepared-query API; it stays on Kysely's public builder and compiler.
 */

class Placeholder {
  constructor(readonly name: string) {}
}

/** The placeholders handed to the builder: `params.x` stands for the value `run` is given as `x`. */
function placeholders<P extends object>(): P {
  return new Proxy({} as P, {
    get: (_target, name) => new Placeholder(String(name)),
  });
}

interface Compiled {
  plugins: readonly KyselyPlugin[];
  query: CompiledQuery;
  /** For each parameter: the name of the value it takes, or undefined for a constant of the builder. */
  names: ReadonlyArray<string | undefined>;
}

// biome-ignore lint/suspicious/noExplicitAny: any database schema
type AnyKysely = Kysely<any>;

export class FixedQuery<DB, P extends object, R> {
  /**
   * Per dialect (the adapter, shared by a store and its transactions) and plugin list, since both change
   * the SQL: the migrator's plugin-less view of a store compiles differently.
   */
  readonly #compiled = new WeakMap<DialectAdapter, Compiled[]>();

  constructor(private readonly build: (db: Kysely<DB>, params: P) => Compilable<R>) {}

  /** Runs the query with `values` for its placeholders, in `db` (a store or a transaction). */
  async run(db: Kysely<DB>, values: P): Promise<QueryResult<R>> {
    const compiled = this.compiledFor(db);
    const parameters = compiled.names.map((name, i) => {
      if (name === undefined) return compiled.query.parameters[i];
      const value = values[name as keyof P];
      if (value === undefined) throw new Error(`no value for ${name} in ${compiled.query.sql}`);
      return value;
    });
    return db.executeQuery<R>({ ...compiled.query, queryId: createQueryId(), parameters });
  }

  /** The rows a select (or a statement with `returning`) answered. */
  async rows(db: Kysely<DB>, values: P): Promise<R[]> {
    return (await this.run(db, values)).rows;
  }

  /** How many rows an insert, update or delete changed. */
  async affected(db: Kysely<DB>, values: P): Promise<bigint> {
    return (await this.run(db, values)).numAffectedRows ?? 0n;
  }

  private compiledFor(db: Kysely<DB>): Compiled {
    const executor = (db as AnyKysely).getExecutor();
    const known = this.#compiled.get(executor.adapter) ?? [];
    const plugins = executor.plugins;
    const found = known.find(
      (entry) =>
        entry.plugins.length === plugins.length && entry.plugins.every((plugin, i) => plugin === plugins[i]),
    );
    if (found) return found;
    const query = this.build(db, placeholders<P>()).compile();
    const names = query.parameters.map((value) => (value instanceof Placeholder ? value.name : undefined));
    const compiled = { plugins: [...plugins], query, names };
    this.#compiled.set(executor.adapter, [...known, compiled]);
    return compiled;
  }
}

/**
 * A query compiled once per dialect: `build` receives placeholder values (typed as the real ones) and must
 * produce SQL that does not depend on them. See the file comment.
 */
export function fixedQuery<DB, P extends object, R>(
  build: (db: Kysely<DB>, params: P) => Compilable<R>,
): FixedQuery<DB, P, R> {
  return new FixedQuery(build);
}
