import type { PgDialect } from "drizzle-orm/pg-core";
import { PostgresJsSession, PostgresJsTransaction } from "drizzle-orm/postgres-js";
import type postgres from "postgres";
import type { Database, Tx } from "./client";

/**
 * A postgres.js transaction that waits on the network as little as it can (issue 5, "A lean
 * hot path"):
 *
 * - `BEGIN`, the request-context `set_config` and the work's first queries leave in one write
 *   and come back in one answer (postgres.js pipelines what is sent before an answer arrives;
 *   `sql.begin` would wait for `BEGIN` on its own). The transaction opens with the work's first
 *   query: work that needs no query (its data came with the access check) opens none.
 * - Every query is a named prepared statement. drizzle asks postgres.js for unnamed ones, and
 *   postgres.js then *describes* each parameterised query before binding it — an extra round trip
 *   per query, every time. Prepared, a statement is described once per connection.
 * - A read-only transaction (`BEGIN READ ONLY`: Postgres refuses any write in it) has nothing to
 *   make durable, so its caller does not wait for `COMMIT`, and the connection returns to the
 *   pool with the commit on its way: the next transaction on it leaves in the same write.
 */

export type TransactionOptions = {
  /** The work only reads: Postgres enforces it, and nobody waits for the commit. */
  readOnly?: boolean;
};

type Internals = { $client: postgres.Sql; dialect: PgDialect; session: { schema: unknown; options: unknown } };
type BaseSession = PostgresJsSession<postgres.Sql, Record<string, never>, never>;

/** drizzle's postgres.js session, asking for prepared statements (a name of "" lets postgres.js choose it). */
class PreparedSession extends PostgresJsSession<postgres.Sql, Record<string, never>, never> {
  override prepareQuery: BaseSession["prepareQuery"] = (query, fields, name, ...rest) =>
    super.prepareQuery(query, fields, name ?? "", ...rest);
}

type SessionArgs = ConstructorParameters<typeof PreparedSession>;

type Reserved = postgres.ReservedSql;

/**
 * What drizzle's session calls (`unsafe(…)`, awaited or `.values()`), on a connection reserved
 * (and its transaction begun) by the first query, which then leaves in the same write.
 */
class LazyConnection {
  private opening: Promise<Reserved> | null = null;
  /** BEGIN and the scope, once sent: their answers, checked before commit. */
  setup: Promise<unknown> | null = null;

  constructor(private readonly open: () => Promise<{ reserved: Reserved; setup: Promise<unknown> }>) {}

  get opened(): Promise<Reserved> | null {
    return this.opening;
  }

  private connection(): Promise<Reserved> {
    this.opening ??= this.open().then(({ reserved, setup }) => {
      // Checked before commit; a failure here also fails the query sent behind it.
      setup.catch(() => undefined);
      this.setup = setup;
      return reserved;
    });
    return this.opening;
  }

  unsafe(text: string, params?: unknown[], options?: postgres.UnsafeQueryOptions) {
    const run = <R>(pick: (c: Reserved) => PromiseLike<R>) => this.connection().then(pick);
    return {
      values: () => run((c) => c.unsafe(text, params as never[], options).values()),
      then: <A, B>(ok?: (rows: postgres.RowList<postgres.Row[]>) => A, fail?: (error: unknown) => B) =>
        run((c) => c.unsafe(text, params as never[], options)).then(ok, fail),
    };
  }
}

/** A transaction on a lazily reserved connection; nested transactions are savepoints on it. */
class ReservedTransaction extends PostgresJsTransaction<Record<string, never>, never> {
  constructor(
    dialect: PgDialect,
    session: PreparedSession,
    schema: unknown,
    private readonly connection: LazyConnection,
    private readonly savepoints: { next: number },
  ) {
    super(dialect, session as never, schema as never);
  }

  override async transaction<T>(work: (tx: never) => Promise<T>): Promise<T> {
    const name = `sp_${++this.savepoints.next}`;
    await this.connection.unsafe(`savepoint ${name}`);
    try {
      const result = await work(this as never);
      await this.connection.unsafe(`release savepoint ${name}`);
      return result;
    } catch (error) {
      await this.connection.unsafe(`rollback to savepoint ${name}`);
      throw error;
    }
  }
}

/** Whether `db` runs on postgres.js (PGlite is one in-process connection: nothing to save there). */
export function isPostgresJs(db: Database): boolean {
  return typeof (db as unknown as Partial<Internals>).$client?.reserve === "function";
}

/**
 * Runs `work` in a transaction whose first statement (after `BEGIN`) is `context` — the
 * `set_config` calls that scope it — all sent with the work's first queries.
 */
export async function pipelinedTransaction<T>(
  db: Database,
  context: { text: string; params: string[] },
  work: (tx: Tx) => Promise<T>,
  options: TransactionOptions = {},
): Promise<T> {
  const { $client, dialect, session } = db as unknown as Internals;
  const connection = new LazyConnection(async () => {
    const reserved = await $client.reserve();
    // postgres.js queries are lazy: execute() puts them on the wire now, in this order, and the
    // first query (sent right after this returns) joins them in the same write.
    const begin = reserved.unsafe(options.readOnly ? "begin read only" : "begin").execute();
    const scoped = reserved.unsafe(context.text, context.params, { prepare: true }).execute();
    return { reserved, setup: Promise.all([begin, scoped]) };
  });
  const prepared = new PreparedSession(...([connection, dialect, session.schema, session.options] as unknown as SessionArgs));
  const tx = new ReservedTransaction(dialect, prepared, session.schema, connection, { next: 0 });
  let result: T;
  try {
    result = await work(tx as unknown as Tx);
    if (connection.opened) await connection.opened;
    await connection.setup;
  } catch (error) {
    const reserved = await connection.opened?.catch(() => null);
    if (reserved) {
      await reserved.unsafe("rollback").catch(() => undefined);
      reserved.release();
    }
    throw error;
  }
  const reserved = await connection.opened;
  // No query ran: no transaction was opened, nothing to end.
  if (!reserved) return result;
  if (options.readOnly) {
    // Nothing was written, so there is nothing a failed commit could lose: the answer is already
    // right. The connection goes back to the pool at once: Postgres answers in order, so whoever
    // takes it next has their statements pipelined behind this COMMIT, never inside this
    // transaction. A broken connection shows on its next use, where postgres.js reconnects.
    reserved
      .unsafe("commit")
      .execute()
      .catch(() => undefined);
    reserved.release();
    return result;
  }
  try {
    await reserved.unsafe("commit");
  } finally {
    reserved.release();
  }
  return result;
}
