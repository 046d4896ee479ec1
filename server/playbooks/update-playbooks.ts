import { playbooks } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { actingMemberId, type TenantContext } from "../request-context";
import { getPlaybooks, loadPlaybookOverride, type PlaybooksView } from "./get-playbooks";
import { overrideOf, playbookSettingsSchema, resolvePlaybooks, type PlaybookSettings } from "./rules";

/**
 * Replaces the tenant's playbook settings (the editor sends every rule). Stored as the difference
 * from the defaults; audited with before and after (configuration, not personal data). Saving
 * what is already in force changes nothing and records nothing.
 */
export async function updatePlaybooks(ctx: TenantContext, input: PlaybookSettings): Promise<PlaybooksView> {
  const after = overrideOf(playbookSettingsSchema.parse(input) as PlaybookSettings);
  const current = await loadPlaybookOverride(ctx);
  const before = current?.override ?? null;
  // Compared resolved (jsonb reorders keys): the same rules in force is no change.
  if (JSON.stringify(resolvePlaybooks(before)) === JSON.stringify(resolvePlaybooks(after))) return getPlaybooks(ctx);
  const now = new Date();
  const by = actingMemberId(ctx.principal);
  const [row] = await ctx.tx
    .insert(playbooks)
    .values({ tenantId: ctx.tenant.id, rules: after, updatedBy: by, updatedAt: now })
    .onConflictDoUpdate({ target: playbooks.tenantId, set: { rules: after, updatedBy: by, updatedAt: now } })
    .returning({ id: playbooks.id });
  await recordChange(ctx, "playbook.updated", { targetId: row!.id, facts: { before, after } });
  return getPlaybooks(ctx);
}
