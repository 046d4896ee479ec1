import { z } from "zod";
import { apiKeys } from "@/db/schema";
import { recordChange } from "../audit/record-change";
import { ForbiddenError, ValidationError } from "../errors";
import { actingMemberId, type TenantContext } from "../request-context";
import { expandGrants, grants, isGrant } from "../tenancy/permissions";
import { generateApiKeySecret, hashSecret, visiblePrefix } from "../auth/api-key-format";
import { toApiKeyDto, type ApiKeyDto } from "./dto";
import { nameText } from "../text";
import { keyBudgetColumns, keyBudgetInput } from "../billing/key-budget-input";

export const MAX_KEY_LIFETIME_DAYS = 365 * 2;

export const createApiKeyInput = z.object({
  name: nameText(1, 80, { min: "nameTheKey" }),
  scopes: z
    .array(z.string().max(40))
    .min(1, "chooseScope")
    .max(30)
    .refine((list) => list.every(isGrant), { message: "unknownScope" }),
  expiresInDays: z.number().int().min(1).max(MAX_KEY_LIFETIME_DAYS).nullable().default(null),
  budget: keyBudgetInput.optional().describe("Optional budgets for the key (runs, tokens, cost per day or month)"),
});

export type CreateApiKeyInput = z.infer<typeof createApiKeyInput>;

/**
 * Mints a key. The secret is returned here and nowhere else, ever; we keep its SHA-256. A key
 * can be given only scopes its creator holds right now (and it keeps being bounded by the
 * creator's role at every use). A budget on create is the same act as `setBudget`, so it needs the
 * same permission (billing:manage): without it the key is refused, not created budget-less.
 */
export async function createApiKey(ctx: TenantContext, input: CreateApiKeyInput): Promise<{ key: ApiKeyDto; secret: string }> {
  const beyond = expandGrants(input.scopes).filter((p) => !grants(ctx.permissions, p));
  if (beyond.length > 0) {
    throw new ForbiddenError(`A key cannot have more than you: you lack ${beyond.join(", ")}.`, "scope_exceeds_role", { scopes: beyond });
  }
  if (input.budget && !grants(ctx.permissions, "billing:manage")) {
    throw new ForbiddenError("Setting a key's budget needs billing:manage.", "budget_needs_billing_manage", {
      permission: "billing:manage",
    });
  }
  const creator = actingMemberId(ctx.principal);
  // A key is bounded by its creator's role at every use: without a member, it could never act.
  if (!creator) throw new ForbiddenError("Only a member (or a member's key) can create an API key.", "member_required");
  const scopes = [...new Set(input.scopes)].sort();
  if (scopes.length === 0) throw new ValidationError("Choose at least one scope", { scopes: "Choose at least one scope" });
  const secret = generateApiKeySecret();
  const [row] = await ctx.tx
    .insert(apiKeys)
    .values({
      tenantId: ctx.tenant.id,
      name: input.name,
      prefix: visiblePrefix(secret),
      secretHash: hashSecret(secret),
      scopes,
      createdBy: creator,
      expiresAt: input.expiresInDays ? new Date(Date.now() + input.expiresInDays * 86_400_000) : null,
      ...(input.budget ? keyBudgetColumns(input.budget) : {}),
    })
    .returning();
  await recordChange(ctx, "apikey.created", {
    targetId: row!.id,
    facts: { prefix: row!.prefix, scopes, expiresAt: row!.expiresAt?.toISOString() ?? null },
    personal: { name: row!.name },
  });
  if (input.budget) {
    await recordChange(ctx, "apikey.budget_set", {
      targetId: row!.id,
      facts: { prefix: row!.prefix, ...input.budget },
      personal: { name: row!.name },
    });
  }
  const creatorEmail = ctx.principal.type === "user" ? ctx.principal.email : null;
  return { key: toApiKeyDto(row!, creatorEmail), secret };
}
