import { tenants } from "@/db/schema";

/** The columns of a tenant every request loads with its access (see TenantSummary). */
export const tenantSummaryColumns = {
  id: tenants.id,
  slug: tenants.slug,
  name: tenants.name,
  planId: tenants.planId,
  status: tenants.status,
  createdAt: tenants.createdAt,
};
