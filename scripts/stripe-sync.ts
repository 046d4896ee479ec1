/**
 * `npm run stripe:sync`: creates or updates Stripe's products, monthly prices, billing meter and
 * metered price from the plan catalogue, and writes the ids back to `plans` (README, "Billing with
 * Stripe"). Needs STRIPE_SECRET_KEY (STRIPE_API_BASE to aim at another server) and the owner's
 * database connection (MIGRATION_DATABASE_URL, else DATABASE_URL). Safe to run again: it changes
 * only what differs.
 */
import { openDatabase } from "@/db/client";
import { stripe } from "@/server/billing/stripe/config";
import { syncCatalogue } from "@/server/billing/stripe/sync-catalogue";
import { migrationTargetFromEnv } from "@/server/database";

async function main() {
  const client = stripe();
  const { label, ...options } = migrationTargetFromEnv();
  const handle = await openDatabase(options);
  try {
    const report = await syncCatalogue(client, handle.db);
    for (const line of report.created) console.log(`created   ${line}`);
    for (const line of report.updated) console.log(`updated   ${line}`);
    console.log(`${report.unchanged.length} unchanged; plans in ${label} point at their Stripe prices`);
  } finally {
    await handle.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
