import { asc, eq, ne, and } from "drizzle-orm";
import type { Tx } from "@/db";
import { memberships, tenants, type Role } from "@/db/schema";

export type MyTenant = { id: string; slug: string; name: string; role: Role; status: "active" | "suspended" };

/** The organisations the signed-in user belongs to (identity-scoped transaction). */
export async function listMyTenants(tx: Tx, userId: string): Promise<MyTenant[]> {
  const rows = await tx
    .select({ id: tenants.id, slug: tenants.slug, name: tenants.name, role: memberships.role, status: tenants.status })
    .from(memberships)
    .innerJoin(tenants, eq(tenants.id, memberships.tenantId))
    .where(and(eq(memberships.userId, userId), ne(tenants.status, "deleted")))
    .orderBy(asc(tenants.name));
  return rows.map((r) => ({ ...r, status: r.status === "suspended" ? "suspended" : "active" }));
}
