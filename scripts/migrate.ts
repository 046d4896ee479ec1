/**
 * `npm run db:migrate`: applies the committed migrations to the configured database as the owner
 * role (MIGRATION_DATABASE_URL, else DATABASE_URL, else the embedded PGlite under PGLITE_DIR).
 * A failure prints the database's own reason (db/migrate.ts), not the SQL.
 */
import { mkdirSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { migrateDatabase } from "@/db/migrate";
import { migrationTargetFromEnv } from "@/server/database";

export async function migrateFromEnv(): Promise<void> {
  const { label, ...options } = migrationTargetFromEnv();
  if (options.driver === "pglite" && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
  console.log(`migrations applied to ${label}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateFromEnv().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
