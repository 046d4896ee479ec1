import { z } from "zod";
import { apiKeyDto } from "../../api-keys/dto";
import { createApiKey, createApiKeyInput } from "../../api-keys/create-api-key";
import { getApiKey } from "../../api-keys/get-api-key";
import { listApiKeys } from "../../api-keys/list-api-keys";
import { revokeApiKey } from "../../api-keys/revoke-api-key";
import { reinstateKey } from "../../playbooks/reinstate-key";
import { pageInput } from "../../pagination";
import { setKeyBudget, setKeyBudgetInput } from "../../billing/key-budget-set";
import { createTRPCRouter, tenantProcedure } from "../init";

const idParam = z.object({ id: z.uuid() });

export const apiKeysRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "apikey:read",
      openapi: { method: "GET", path: "/api-keys", tags: ["api-keys"], summary: "List API keys", protect: true },
    })
    .input(
      z.object({ ...pageInput, revoked: z.enum(["include", "exclude"]).default("include").describe("`exclude` leaves revoked keys out") }),
    )
    .output(z.object({ items: z.array(apiKeyDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listApiKeys(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "apikey:read",
      openapi: { method: "GET", path: "/api-keys/{id}", tags: ["api-keys"], summary: "Get an API key", protect: true },
    })
    .input(idParam)
    .output(apiKeyDto)
    .query(({ ctx, input }) => getApiKey(ctx.tenantCtx, input)),

  create: tenantProcedure
    .meta({
      permission: "apikey:create",
      openapi: {
        method: "POST",
        path: "/api-keys",
        tags: ["api-keys"],
        summary: "Create an API key (the secret is in this response only)",
        protect: true,
      },
    })
    .input(createApiKeyInput)
    .output(z.object({ key: apiKeyDto, secret: z.string().describe("Shown once: store it now") }))
    .mutation(({ ctx, input }) => createApiKey(ctx.tenantCtx, input)),

  revoke: tenantProcedure
    .meta({
      permission: "apikey:revoke",
      openapi: { method: "DELETE", path: "/api-keys/{id}", tags: ["api-keys"], summary: "Revoke an API key", protect: true },
    })
    .input(idParam)
    .output(apiKeyDto)
    .mutation(({ ctx, input }) => revokeApiKey(ctx.tenantCtx, input)),

  // A budget caps what a key may spend: set by those who manage billing (owners, admins), not by the key's holder.
  setBudget: tenantProcedure
    .meta({
      permission: "billing:manage",
      openapi: { method: "PUT", path: "/api-keys/{id}/budget", tags: ["api-keys"], summary: "Set an API key's budgets", protect: true },
    })
    .input(setKeyBudgetInput)
    .output(apiKeyDto)
    .mutation(({ ctx, input }) => setKeyBudget(ctx.tenantCtx, input)),

  // Lifting a playbook's suspension is an incident-response decision: admins (playbook:manage).
  reinstate: tenantProcedure
    .meta({
      permission: "playbook:manage",
      openapi: {
        method: "POST",
        path: "/api-keys/{id}/reinstate",
        tags: ["api-keys"],
        summary: "Reinstate a suspended API key",
        protect: true,
      },
    })
    .input(idParam)
    .output(apiKeyDto)
    .mutation(({ ctx, input }) => reinstateKey(ctx.tenantCtx, input)),
});
