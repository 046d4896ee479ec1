import { asc, eq, ne, and } from "drizzle-orm";
import { memberships, tenants, type Role } from "@/db/schema";
import type { SignedInContext } from "../request-context";

export type MyTenant = { id: string; slug: string; name: string; role: Role; status: "active" | "suspended" };

/** The organisations the signed-in user belongs to (in an identity-scoped transaction). */
export async function listMyTenants(ctx: SignedInContext): Promise<MyTenant[]> {
  const userId = ctx.user.id;
  const rows = await ctx.scopes.withUser(userId, (tx) =>
    tx
      .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role, status: tenants.status })
      .from(memberships)
      .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
      .where(and(eq(memberships.userId, userId), ne(tenants.status, "deleted")))
      .orderBy(asc(tenants.name)),
  );
  return rows.map((r) => ({ ...r, status: r.status === "suspended" ? "suspended" : "active" }));
}
