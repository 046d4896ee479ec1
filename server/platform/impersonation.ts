import { and, desc, eq, gt, isNull, sql } from "drizzle-orm";
import { z } from "zod";
import { impersonations, tenants } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import type { ValidationKey } from "../i18n/server-messages";
import { NotFoundError } from "../errors";
import type { PlatformContext } from "../request-context";
import { nameText } from "../text";
import { actOnTenant, operatorActor, tenantIdInput } from "./operator";

/** Fifteen minutes, fixed: long enough to look, short enough that a forgotten tab stops seeing. */
export const IMPERSONATION_MINUTES = 15;
export const IMPERSONATION_REASON_MIN = 10;

export const startImpersonationInput = tenantIdInput.extend({
  reason: nameText(IMPERSONATION_REASON_MIN, 500, { min: "giveImpersonationReason" satisfies ValidationKey, max: "tooLong" }),
});

export const impersonationDto = z.object({
  id: z.uuid(),
  tenantId: z.uuid(),
  tenantSlug: z.string(),
  tenantName: z.string(),
  startedAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
});
export type ImpersonationDto = z.infer<typeof impersonationDto>;

/**
 * Starts a read-only look into a tenant's portal for 15 minutes. The row in `impersonations`
 * is what the session door checks on every request (server/tenancy/impersonation-access.ts); the
 * start is recorded in the platform audit log and in the tenant's own log, in one transaction.
 * An operator already looking into this tenant gets that impersonation back (not a second one).
 */
export async function startImpersonation(ctx: PlatformContext, input: z.infer<typeof startImpersonationInput>): Promise<ImpersonationDto> {
  return actOnTenant(ctx, { tenantId: input.tenantId, what: "impersonate (read-only)", reason: input.reason }, async (op) => {
    const [active] = await op.tx
      .select()
      .from(impersonations)
      .where(
        and(
          eq(impersonations.operatorId, ctx.operator.id),
          eq(impersonations.targetTenantId, op.tenant.id),
          isNull(impersonations.endedAt),
          gt(impersonations.expiresAt, sql`now()`),
        ),
      )
      .limit(1);
    const row =
      active ??
      (
        await op.tx
          .insert(impersonations)
          .values({
            operatorId: ctx.operator.id,
            targetTenantId: op.tenant.id,
            reason: input.reason,
            expiresAt: sql`now() + make_interval(mins => ${IMPERSONATION_MINUTES})`,
          })
          .returning()
      )[0]!;
    if (!active) {
      await recordChange(op, "impersonation.started", {
        targetId: op.tenant.id,
        facts: { impersonationId: row.id, expiresAt: row.expiresAt.toISOString(), readOnly: true },
        personal: { reason: input.reason },
      });
    }
    return toDto(row, op.tenant);
  });
}

export const endImpersonationInput = z.object({ impersonationId: z.uuid() });

/**
 * Ends an impersonation now (the banner's "End now", or the console). Recorded in both logs.
 * Ending one that already ended is a no-op; one that merely expired is closed at its expiry time.
 */
export async function endImpersonation(
  ctx: PlatformContext,
  input: z.infer<typeof endImpersonationInput>,
): Promise<{ ended: true; tenantId: string }> {
  const found = await ctx.scopes.withPlatform("platform console: find impersonation to end", operatorActor(ctx), (tx) =>
    tx
      .select({ tenantId: impersonations.targetTenantId })
      .from(impersonations)
      .where(and(eq(impersonations.id, input.impersonationId), eq(impersonations.operatorId, ctx.operator.id)))
      .limit(1),
  );
  if (!found[0]) throw new NotFoundError("Impersonation");
  const tenantId = found[0].tenantId;
  return actOnTenant(ctx, { tenantId, what: "end impersonation of", reason: `impersonation ${input.impersonationId}` }, async (op) => {
    const [ended] = await op.tx
      .update(impersonations)
      .set({ endedAt: sql`least(now(), ${impersonations.expiresAt})` })
      .where(and(eq(impersonations.id, input.impersonationId), isNull(impersonations.endedAt)))
      .returning();
    if (ended) {
      await recordChange(op, "impersonation.ended", {
        targetId: tenantId,
        facts: { impersonationId: ended.id, startedAt: ended.startedAt.toISOString(), endedAt: ended.endedAt!.toISOString() },
      });
    }
    return { ended: true as const, tenantId };
  });
}

/** The operator's active impersonation of the tenant with this slug, for the portal's banner. */
export async function currentImpersonation(ctx: PlatformContext, input: { tenantSlug: string }): Promise<ImpersonationDto | null> {
  const rows = await ctx.scopes.withPlatform(`platform console: impersonation banner for ${input.tenantSlug}`, operatorActor(ctx), (tx) =>
    tx
      .select({ i: impersonations, t: { id: tenants.id, slug: tenants.slug, name: tenants.name } })
      .from(impersonations)
      .innerJoin(tenants, eq(tenants.id, impersonations.targetTenantId))
      .where(
        and(
          eq(impersonations.operatorId, ctx.operator.id),
          eq(tenants.slug, input.tenantSlug.trim().toLowerCase()),
          isNull(tenants.deletedAt),
          isNull(impersonations.endedAt),
          gt(impersonations.expiresAt, sql`now()`),
        ),
      )
      .orderBy(desc(impersonations.expiresAt))
      .limit(1),
  );
  return rows[0] ? toDto(rows[0].i, rows[0].t) : null;
}

function toDto(row: typeof impersonations.$inferSelect, tenant: { id: string; slug: string; name: string }): ImpersonationDto {
  return {
    id: row.id,
    tenantId: tenant.id,
    tenantSlug: tenant.slug,
    tenantName: tenant.name,
    startedAt: row.startedAt.toISOString(),
    expiresAt: row.expiresAt.toISOString(),
  };
}
