import { z } from "zod";
import type { ApiKey } from "@/db/schema";
import { keyBudgetDto, keyBudgetOf } from "../billing/key-budget-input";

export const apiKeyDto = z
  .object({
    id: z.uuid(),
    name: z.string(),
    prefix: z.string().describe("The first characters of the secret, to tell keys apart"),
    scopes: z.array(z.string()),
    createdBy: z.uuid().nullable().describe("The member who created the key; null once they have left"),
    createdByEmail: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime().nullable(),
    lastUsedAt: z.iso.datetime().nullable(),
    revokedAt: z.iso.datetime().nullable(),
    suspendedAt: z.iso.datetime().nullable().describe("Set while an incident-response playbook holds the key back"),
    status: z.enum(["active", "expired", "revoked", "suspended"]),
    budget: keyBudgetDto.describe("Runs, tokens and cost the key may use per period (null: no budget of that kind)"),
  })
  .meta({ id: "ApiKey" });

export type ApiKeyDto = z.infer<typeof apiKeyDto>;

export function apiKeyStatus(key: Pick<ApiKey, "revokedAt" | "expiresAt" | "suspendedAt">, now = new Date()) {
  if (key.revokedAt) return "revoked" as const;
  if (key.expiresAt && key.expiresAt <= now) return "expired" as const;
  if (key.suspendedAt) return "suspended" as const;
  return "active" as const;
}

export function toApiKeyDto(key: ApiKey, createdByEmail: string | null): ApiKeyDto {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    scopes: key.scopes,
    createdBy: key.createdBy,
    createdByEmail,
    createdAt: key.createdAt.toISOString(),
    expiresAt: key.expiresAt?.toISOString() ?? null,
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
    suspendedAt: key.suspendedAt?.toISOString() ?? null,
    status: apiKeyStatus(key),
    budget: keyBudgetOf(key),
  };
}
