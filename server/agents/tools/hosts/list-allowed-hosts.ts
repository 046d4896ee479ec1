import { asc, eq } from "drizzle-orm";
import { z } from "zod";
import type { Tx } from "@/db";
import { httpAllowedHosts } from "@/db/schema";
import type { TenantContext } from "../../../request-context";

/** The most hosts one organisation may allow. */
export const MAX_ALLOWED_HOSTS = 100;

export const allowedHostDto = z
  .object({
    id: z.uuid(),
    host: z.string().describe("Exact host name, lower case (internationalised names in punycode)"),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "AllowedHost" });

export type AllowedHostDto = z.infer<typeof allowedHostDto>;

export async function listAllowedHostNames(tx: Tx, tenantId: string): Promise<string[]> {
  const rows = await tx.select({ host: httpAllowedHosts.host }).from(httpAllowedHosts).where(eq(httpAllowedHosts.tenantId, tenantId));
  return rows.map((r) => r.host);
}

/** Alphabetical; bounded by MAX_ALLOWED_HOSTS, so one page. */
export async function listAllowedHosts(ctx: TenantContext): Promise<{ items: AllowedHostDto[] }> {
  const rows = await ctx.tx
    .select()
    .from(httpAllowedHosts)
    .where(eq(httpAllowedHosts.tenantId, ctx.tenant.id))
    .orderBy(asc(httpAllowedHosts.host))
    .limit(MAX_ALLOWED_HOSTS);
  return { items: rows.map((r) => ({ id: r.id, host: r.host, createdAt: r.createdAt.toISOString() })) };
}
