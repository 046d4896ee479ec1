import { and, eq, sql } from "drizzle-orm";
import { rowsOf, type Tx } from "@/db";
import type { Scopes } from "@/db/scope";
import { invitations, tenants, users } from "@/db/schema";
import { hashSecret } from "../auth/api-key-format";
import { NotFoundError } from "../errors";
import { INVITATION_TOKEN_PATTERN } from "./invitation-token";

/**
 * The tenant behind an invitation link, found through the narrow definer function (the invitee
 * is not a member yet, so nothing else may show them the tenant).
 */
export async function findInvitationTenant(scopes: Scopes, token: string): Promise<{ tenantId: string; tokenHash: string }> {
  if (!INVITATION_TOKEN_PATTERN.test(token)) throw new NotFoundError("Invitation", "invitation_not_found");
  const tokenHash = hashSecret(token);
  const tenantId = await scopes.withUser(null, async (tx) => {
    const [row] = rowsOf<{ tenant_id: string | null }>(await tx.execute(sql`select agentry_invitation_tenant(${tokenHash}) as tenant_id`));
    return row?.tenant_id ?? null;
  });
  if (!tenantId) throw new NotFoundError("Invitation", "invitation_not_found");
  return { tenantId, tokenHash };
}

/** Inside the tenant transaction: the invitation with its tenant and inviter, locked for update. */
export async function loadInvitation(tx: Tx, tenantId: string, tokenHash: string, lock = false) {
  const query = tx
    .select({ invitation: invitations, tenant: tenants, inviterEmail: users.email, inviterName: users.name })
    .from(invitations)
    .innerJoin(tenants, eq(tenants.id, invitations.tenantId))
    .leftJoin(users, eq(users.id, invitations.invitedBy))
    .where(and(eq(invitations.tenantId, tenantId), eq(invitations.tokenHash, tokenHash)))
    .limit(1);
  const [row] = lock ? await query.for("update", { of: invitations }) : await query;
  if (!row || row.tenant.status === "deleted") throw new NotFoundError("Invitation", "invitation_not_found");
  return row;
}
