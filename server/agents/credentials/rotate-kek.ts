import { and, count, eq, gt, isNull, ne } from "drizzle-orm";
import type { Scopes } from "@/db/scope";
import { providerCredentials } from "@/db/schema";
import { rewrap, type Keyring } from "../../crypto/envelope";
import { credentialBinding } from "./dto";

export type RotationReport = { checked: number; rewrapped: number; alreadyCurrent: number; failed: { id: string; reason: string }[] };

const BATCH = 200;

/**
 * Re-wraps every provider credential's data key under the keyring's current KEK: the secrets
 * themselves are not touched, so nothing is ever decrypted to plaintext. Cross-tenant, hence the
 * platform path (`withPlatform`, one `platform_audit_log` row per batch, saying why). Idempotent:
 * rows already under the current KEK are skipped, so it can be re-run after an interruption.
 * Batches keep each transaction short; a row that cannot be opened (its KEK missing, or altered)
 * is reported and left as it is.
 */
export async function rotateKek(scopes: Scopes, ring: Keyring, actor: { requestId?: string } = {}): Promise<RotationReport> {
  const report: RotationReport = { checked: 0, rewrapped: 0, alreadyCurrent: 0, failed: [] };
  let after = "00000000-0000-0000-0000-000000000000";
  for (;;) {
    const batch = await scopes.withPlatform(
      `kek rotation: re-wrap provider credential data keys under ${ring.current.id}`,
      { type: "system", id: null, requestId: actor.requestId ?? null },
      async (tx) => {
        const rows = await tx
          .select()
          .from(providerCredentials)
          .where(
            and(gt(providerCredentials.id, after), isNull(providerCredentials.revokedAt), ne(providerCredentials.kekId, ring.current.id)),
          )
          .orderBy(providerCredentials.id)
          .limit(BATCH);
        for (const row of rows) {
          try {
            const next = rewrap(ring, row, credentialBinding(row.tenantId, row.id));
            if (!next) continue;
            await tx
              .update(providerCredentials)
              .set({ wrappedKey: next.wrappedKey, kekId: next.kekId, rotatedAt: new Date() })
              .where(and(eq(providerCredentials.tenantId, row.tenantId), eq(providerCredentials.id, row.id)));
            report.rewrapped++;
          } catch (error) {
            report.failed.push({ id: row.id, reason: error instanceof Error ? error.message : "unknown error" });
          }
        }
        return rows;
      },
    );
    report.checked += batch.length;
    if (batch.length < BATCH) break;
    after = batch.at(-1)!.id;
  }
  // What was already current (or revoked, with nothing left to wrap), counted once at the end.
  const [counted] = await scopes.withPlatform(
    "kek rotation: count provider credentials",
    { type: "system", id: null, requestId: actor.requestId ?? null },
    (tx) => tx.select({ total: count() }).from(providerCredentials),
  );
  report.alreadyCurrent = (counted?.total ?? 0) - report.rewrapped - report.failed.length;
  return report;
}
