import { eq } from "drizzle-orm";
import { playbooks } from "@/db/schema";
import type { TenantContext } from "../request-context";
import { DEFAULT_PLAYBOOKS, resolvePlaybooks, type PlaybookOverride, type PlaybookSettings } from "./rules";

/** What the editor and `GET /playbooks` show: the rules in force, the defaults beside them, and when they were last edited. */
export type PlaybooksView = { rules: PlaybookSettings; defaults: PlaybookSettings; updatedAt: string | null };

export async function loadPlaybookOverride(ctx: Pick<TenantContext, "tx" | "tenant">) {
  const [row] = await ctx.tx
    .select({ id: playbooks.id, rules: playbooks.rules, updatedAt: playbooks.updatedAt })
    .from(playbooks)
    .where(eq(playbooks.tenantId, ctx.tenant.id))
    .limit(1);
  return row ? { id: row.id, override: row.rules as PlaybookOverride, updatedAt: row.updatedAt } : null;
}

/** The tenant's playbooks: its edits over the defaults (a tenant without a row runs the defaults). */
export async function getPlaybookSettings(ctx: Pick<TenantContext, "tx" | "tenant">): Promise<PlaybookSettings> {
  return resolvePlaybooks((await loadPlaybookOverride(ctx))?.override);
}

export async function getPlaybooks(ctx: TenantContext): Promise<PlaybooksView> {
  const row = await loadPlaybookOverride(ctx);
  return {
    rules: resolvePlaybooks(row?.override),
    defaults: structuredClone(DEFAULT_PLAYBOOKS),
    updatedAt: row?.updatedAt.toISOString() ?? null,
  };
}
