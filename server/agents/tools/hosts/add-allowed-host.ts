import { count, eq } from "drizzle-orm";
import { z } from "zod";
import { httpAllowedHosts } from "@/db/schema";
import { recordChange } from "../../../audit/record-change";
import { ConflictError, ValidationError } from "../../../errors";
import { actingMemberId, type TenantContext } from "../../../request-context";
import { normaliseHost } from "../net/host";
import { MAX_ALLOWED_HOSTS, type AllowedHostDto } from "./list-allowed-hosts";

export const addAllowedHostInput = z.object({
  host: z.string().trim().min(1, "enterHost").max(300).describe("A host name such as api.example.com (no scheme, path or port)"),
});

/** Lets agents' `http_request` call this host (exact name; subdomains are separate entries). */
export async function addAllowedHost(ctx: TenantContext, input: z.infer<typeof addAllowedHostInput>): Promise<AllowedHostDto> {
  const host = normaliseHost(input.host);
  if (!host) {
    throw new ValidationError(
      "Enter a host name such as api.example.com: no scheme, path, port or IP address.",
      { host: "Enter a host name such as api.example.com" },
      "invalid_host",
    );
  }
  const [existing] = await ctx.tx.select({ n: count() }).from(httpAllowedHosts).where(eq(httpAllowedHosts.tenantId, ctx.tenant.id));
  if ((existing?.n ?? 0) >= MAX_ALLOWED_HOSTS) {
    throw new ConflictError(`At most ${MAX_ALLOWED_HOSTS} hosts may be allowed.`, "allow_list_full", { limit: MAX_ALLOWED_HOSTS });
  }
  const [row] = await ctx.tx
    .insert(httpAllowedHosts)
    .values({ tenantId: ctx.tenant.id, host, createdBy: actingMemberId(ctx.principal) })
    .onConflictDoNothing()
    .returning();
  if (!row) throw new ConflictError(`${host} is already allowed.`, "host_already_allowed");
  await recordChange(ctx, "tool.host_allowed", { targetId: row.id, facts: { host } });
  return { id: row.id, host: row.host, createdAt: row.createdAt.toISOString() };
}
