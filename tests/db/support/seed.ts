import { addMember, callerFor, seedTenant, uniqueEmail, type SeededUser } from "../../support/callers";
import type { TestDatabase } from "../../support/databases";
import { seedAgentRows } from "./seed-agent-rows";
import { seedEventRows } from "./seed-event-rows";
import { seedWorkflowRows } from "./seed-workflow-rows";
import { seedUsageRows } from "./seed-usage-rows";
import { seedWebhookRows } from "./seed-webhook-rows";
import { seedPlaybookRows } from "./seed-playbook-rows";
import { seedBillingRows } from "./seed-billing-rows";

/**
 * Tenants with rows in every tenant-owned table, written through the real verbs (tRPC callers),
 * so the rows look exactly like production rows: tenants, memberships, invitations (accepted and
 * pending), api_keys, agents and their versions, and the audit_log entries those verbs append. A table added later that no
 * verb here reaches makes the suite fail loudly (see `copyOfRow`) instead of passing vacuously.
 */

type Seeded = Awaited<ReturnType<typeof seedTenant>>;
export type SeededTenant = { id: string; slug: string; owner: SeededUser; seeded: Seeded };

async function populatedTenant(db: TestDatabase, label: string): Promise<SeededTenant> {
  const seeded = await seedTenant(db, `Owner ${label}`);
  await addMember(db, seeded, "developer", `Developer ${label}`);
  const owner = seeded.as(seeded.owner);
  await owner.apiKeys.create({ name: `ci-${label}`, scopes: ["apikey:read", "tenant:read"] });
  await owner.invitations.create({ email: uniqueEmail(`pending-${label}`), role: "viewer" });
  const agent = await owner.agents.create({ template: "customer-service", name: `Support ${label}` });
  await owner.agents.update({ id: agent.id, instructions: `Answer for tenant ${label}.` });
  await seedAgentRows(db, seeded.tenant.id, seeded.owner.id, agent.id);
  await seedEventRows(db, seeded.tenant.id);
  await seedWorkflowRows(db, seeded, agent.id);
  await seedUsageRows(db, seeded.tenant.id, agent.id);
  await seedWebhookRows(db, seeded.tenant.id, seeded.owner.id);
  await seedPlaybookRows(db, seeded, agent.id);
  await seedBillingRows(db, seeded.tenant.id);
  return { id: seeded.tenant.id, slug: seeded.tenant.slug, owner: seeded.owner, seeded };
}

/** Invites an existing user and accepts as them (addMember always creates a new user). */
async function join(db: TestDatabase, tenant: SeededTenant, user: SeededUser, role: "developer" | "viewer") {
  const invite = await tenant.seeded.as(tenant.owner).invitations.create({ email: user.email, role });
  await callerFor(db, { user }).invitations.accept({ token: invite.link.split("/invite/")[1]! });
}

/**
 * A and B fully populated; C smaller. `member` (U) belongs to A and C but not B: the identity
 * path must show U both memberships and nothing of B, nor anyone else's memberships.
 */
export async function seedIsolationFixture(db: TestDatabase) {
  const A = await populatedTenant(db, "A");
  const B = await populatedTenant(db, "B");
  const C = await populatedTenant(db, "C");
  const member = await addMember(db, A.seeded, "viewer", "Identity U");
  await join(db, C, member, "developer");
  return { A, B, C, member };
}

export type IsolationFixture = Awaited<ReturnType<typeof seedIsolationFixture>>;
