import { defineConfig } from "drizzle-kit";

/**
 * drizzle-kit only *generates* SQL here (`npm run db:generate`); migrations are applied by
 * `scripts/migrate.ts`, which works on both PGlite and Postgres. We never `push`.
 */
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
  casing: "snake_case",
  entities: { roles: { provider: "" } },
});
