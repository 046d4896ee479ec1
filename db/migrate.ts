import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { DatabaseHandle } from "./client";

export const MIGRATIONS_FOLDER = fileURLToPath(new URL("./migrations", import.meta.url));

/**
 * A migration that the database refused, told in the database's own words (message, detail,
 * hint, SQLSTATE) and the file it came from — not the statement, which for a DO block or a
 * table is a screenful that hides the one line that matters.
 */
export class MigrationError extends Error {
  override name = "MigrationError";
  constructor(
    message: string,
    readonly code: string | undefined,
    readonly file: string | undefined,
  ) {
    super(message);
  }
}

type DbErrorFields = { message?: string; code?: string; detail?: string; hint?: string; where?: string; query?: string; cause?: unknown };

/** Drizzle wraps the driver's error (`cause`) in one whose message is the failed SQL. */
function causes(error: unknown): DbErrorFields[] {
  const out: DbErrorFields[] = [];
  let current: unknown = error;
  for (let depth = 0; current && typeof current === "object" && depth < 5; depth++) {
    out.push(current as DbErrorFields);
    current = (current as DbErrorFields).cause;
  }
  return out;
}

/** Which migration file holds the statement that failed. */
function fileOf(folder: string, query: string | undefined): string | undefined {
  const needle = query?.trim();
  if (!needle) return undefined;
  return readdirSync(folder)
    .filter((f) => f.endsWith(".sql"))
    .find((f) => readFileSync(path.join(folder, f), "utf8").includes(needle));
}

export function describeMigrationFailure(error: unknown, folder = MIGRATIONS_FOLDER): MigrationError {
  const chain = causes(error);
  const db = chain.find((e) => typeof e.code === "string" && /^[0-9A-Z]{5}$/.test(e.code));
  const query = chain.find((e) => typeof e.query === "string")?.query;
  const file = fileOf(folder, query);
  if (!db) {
    // Not the database (unreachable, bad credentials…): the driver's own message says so.
    const reason = chain[chain.length - 1]?.message ?? String(error);
    return new MigrationError(`Migrations could not run: ${reason}`, undefined, file);
  }
  const lines = [`${file ? `Migration ${file} failed` : "Migrations could not run"}: ${db.message} (SQLSTATE ${db.code})`];
  if (db.detail) lines.push(`  detail: ${db.detail}`);
  if (db.hint) lines.push(`  hint: ${db.hint}`);
  if (db.where) lines.push(`  where: ${db.where.replaceAll("\n", "\n    ")}`);
  return new MigrationError(lines.join("\n"), db.code, file);
}

/**
 * Applies the committed SQL migrations (or, for tests of this function, those in `folder`) as
 * the connection's owner role. Idempotent.
 */
export async function migrateDatabase(handle: DatabaseHandle, folder = MIGRATIONS_FOLDER): Promise<void> {
  try {
    if (handle.driver === "postgres") {
      const { migrate } = await import("drizzle-orm/postgres-js/migrator");
      // The migrator's types name the concrete driver; ours is the same object.
      await migrate(handle.db as never, { migrationsFolder: folder });
    } else {
      const { migrate } = await import("drizzle-orm/pglite/migrator");
      await migrate(handle.db as never, { migrationsFolder: folder });
    }
  } catch (error) {
    throw describeMigrationFailure(error, folder);
  }
}
