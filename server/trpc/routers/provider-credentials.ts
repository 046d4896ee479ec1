import { z } from "zod";
import { CREDENTIAL_PROVIDERS } from "@/db/schema";
import { createProviderCredential, createProviderCredentialInput } from "../../agents/credentials/create-provider-credential";
import { providerCredentialDto } from "../../agents/credentials/dto";
import { getProviderCredential } from "../../agents/credentials/get-provider-credential";
import { listProviderCredentials } from "../../agents/credentials/list-provider-credentials";
import { revokeProviderCredential } from "../../agents/credentials/revoke-provider-credential";
import { pageInput } from "../../pagination";
import { createTRPCRouter, tenantProcedure } from "../init";

const idParam = z.object({ id: z.uuid() });
const tags = ["providers"];

/** Tenants' own model-vendor keys: the key goes in once and never comes out (only its last four characters). */
export const providerCredentialsRouter = createTRPCRouter({
  list: tenantProcedure
    .meta({
      permission: "provider:read",
      openapi: { method: "GET", path: "/provider-credentials", tags, summary: "List provider keys", protect: true },
    })
    .input(
      z.object({
        ...pageInput,
        revoked: z.enum(["include", "exclude"]).default("include").describe("`exclude` leaves revoked keys out"),
        provider: z.enum(CREDENTIAL_PROVIDERS).optional().describe("Only keys for this vendor"),
      }),
    )
    .output(z.object({ items: z.array(providerCredentialDto), nextCursor: z.string().nullable() }))
    .query(({ ctx, input }) => listProviderCredentials(ctx.tenantCtx, input)),

  get: tenantProcedure
    .meta({
      permission: "provider:read",
      openapi: { method: "GET", path: "/provider-credentials/{id}", tags, summary: "Get a provider key", protect: true },
    })
    .input(idParam)
    .output(providerCredentialDto)
    .query(({ ctx, input }) => getProviderCredential(ctx.tenantCtx, input)),

  create: tenantProcedure
    .meta({
      permission: "provider:manage",
      openapi: {
        method: "POST",
        path: "/provider-credentials",
        tags,
        summary: "Add a provider key (stored encrypted, never returned)",
        protect: true,
      },
    })
    .input(createProviderCredentialInput)
    .output(providerCredentialDto)
    .mutation(({ ctx, input }) => createProviderCredential(ctx.tenantCtx, input)),

  revoke: tenantProcedure
    .meta({
      permission: "provider:manage",
      openapi: { method: "DELETE", path: "/provider-credentials/{id}", tags, summary: "Revoke a provider key", protect: true },
    })
    .input(idParam)
    .output(providerCredentialDto)
    .mutation(({ ctx, input }) => revokeProviderCredential(ctx.tenantCtx, input)),
});
