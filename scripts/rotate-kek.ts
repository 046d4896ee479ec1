/**
 * `npm run kek:rotate`: re-wraps every provider credential's data key under the current
 * key-encryption key. The steps of a rotation:
 *
 *   1. AGENTRY_KEK_PREVIOUS=<the old key>, AGENTRY_KEK=<a new key> (openssl rand -base64 32),
 *      on the servers and here; restart the servers (they read both, write with the new one);
 *   2. `npm run kek:rotate` — idempotent: run it again after an interruption, it skips what is done;
 *   3. once it reports no failures, remove the old key from AGENTRY_KEK_PREVIOUS.
 *
 * It runs on the cross-tenant platform path (PLATFORM_DATABASE_URL when set): every batch is
 * recorded in platform_audit_log with its reason. Secrets are never decrypted, only their data
 * keys. Exits 1 if any credential could not be re-wrapped (its KEK missing, or its data altered).
 */
import { closeDatabase, scopes } from "@/db";
import { rotateKek } from "@/server/agents/credentials/rotate-kek";
import { keyringFromEnv } from "@/server/crypto/keyring";
import { configureDatabaseFromEnv } from "@/server/database";

async function main() {
  configureDatabaseFromEnv();
  const ring = keyringFromEnv();
  console.log(`re-wrapping provider credential data keys under ${ring.current.id} (${ring.byId.size - 1} previous key(s) configured)…`);
  try {
    const report = await rotateKek(scopes, ring, { requestId: `kek-rotate-${Date.now()}` });
    console.log(
      `checked ${report.checked}, re-wrapped ${report.rewrapped}, already current or revoked ${report.alreadyCurrent}, failed ${report.failed.length}`,
    );
    for (const failure of report.failed) console.error(`  ${failure.id}: ${failure.reason}`);
    if (report.failed.length > 0) process.exitCode = 1;
  } finally {
    await closeDatabase();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
