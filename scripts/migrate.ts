/**
 * `npm run db:migrate`: applies the committed migrations to the configured database
 * (DATABASE_URL, else the embedded PGlite under PGLITE_DIR) as the connection's owner role.
 */
import { mkdirSync } from "node:fs";
import { openDatabase } from "@/db/client";
import { databaseOptionsFromEnv } from "@/db";
import { migrateDatabase } from "@/db/migrate";

export async function migrateFromEnv(): Promise<void> {
  const options = databaseOptionsFromEnv();
  if (options.driver === "pglite" && options.dataDir) mkdirSync(options.dataDir, { recursive: true });
  const handle = await openDatabase(options);
  try {
    await migrateDatabase(handle);
  } finally {
    await handle.close();
  }
  const where = options.driver === "postgres" ? "PostgreSQL (DATABASE_URL)" : `PGlite at ${options.dataDir}`;
  console.log(`migrations applied to ${where}`);
}

if (import.meta.url === `file://${process.argv[1]}`) {
  migrateFromEnv().catch((error: unknown) => {
    console.error(error instanceof Error ? error.message : error);
    process.exit(1);
  });
}
