import { assertKeyBudget, lockKeyBudget } from "./key-budget";
import { assertRunQuota, lockRunQuota, type Admission, type QuotaCtx } from "./quotas";

/**
 * The door of a run, in the transaction that will insert it: the tenant's run quotas, then the
 * calling API key's budgets (both apply: the stricter refuses first). Locks are taken in that
 * order, and only for quotas that exist.
 *
 * `replay` looks again for a run with the request's Idempotency-Key once the locks are held: a
 * twin request that committed while this one waited is answered from its run — not counted, not
 * refused — however full the quota is now.
 */
export async function admitRun<T>(
  ctx: QuotaCtx,
  input: { apiKeyId: string | null; replay: () => Promise<T | undefined> },
  now: Date = new Date(),
): Promise<{ replayed: T } | { admission: Admission }> {
  const limits = await lockRunQuota(ctx);
  const budget = input.apiKeyId ? await lockKeyBudget(ctx, input.apiKeyId) : null;
  if (limits || budget) {
    const replayed = await input.replay();
    if (replayed !== undefined) return { replayed };
  }
  const admission = await assertRunQuota(ctx, limits, now);
  if (input.apiKeyId) await assertKeyBudget(ctx, input.apiKeyId, budget, now);
  return { admission };
}
