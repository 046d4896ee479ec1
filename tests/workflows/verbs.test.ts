import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { addMember, callerFor } from "../support/callers";
import type { TestDatabase } from "../support/databases";
import { auditRows, failure } from "../support/failures";
import { closeWorkflowDatabase, openWorkflowDatabase, seedWorkflowTenant } from "./support";

type Org = Awaited<ReturnType<typeof seedWorkflowTenant>>;

/** The verbs through the tRPC caller: versions, audit facts, confirmation, permissions, tenant walls, the template. */
describe("workflow verbs", () => {
  let db: TestDatabase;
  let org: Org;
  let other: Org;
  beforeAll(async () => {
    db = await openWorkflowDatabase();
    org = await seedWorkflowTenant(db);
    other = await seedWorkflowTenant(db);
  });
  afterAll(async () => {
    await closeWorkflowDatabase(db);
  });

  const definition = (agentId: string, input = "{{input.message}}") => ({
    nodes: [{ id: "a", kind: "agent" as const, agentId, input }],
    edges: [],
  });

  it("saves a change as a new version (nothing changed: no version), audited with facts only; the secret never comes back", async () => {
    const created = await org.caller.workflows.create({ name: "Versions", definition: definition(org.agentId) });
    expect(created).toMatchObject({ currentVersion: 1, status: "active" });
    expect(created.hookSecret).toMatch(/^whsec_/);
    const same = await org.caller.workflows.update({ id: created.id, definition: definition(org.agentId) });
    expect(same).toMatchObject({ changed: false, currentVersion: 1 });
    const v2 = await org.caller.workflows.update({
      id: created.id,
      name: "Versions 2",
      definition: definition(org.agentId, "Hi {{input.message}}"),
    });
    expect(v2).toMatchObject({ changed: true, currentVersion: 2, name: "Versions 2" });
    const read = JSON.stringify([await org.caller.workflows.get({ id: created.id }), await org.caller.workflows.list({})]);
    expect(read).not.toContain(created.hookSecret);
    const rows = (await auditRows(db, org.tenant.id)).filter((r) => r.target_id === created.id);
    expect(rows.map((r) => [r.action, r.diff])).toEqual([
      ["workflow.created", { version: 1, nodes: 1, template: null }],
      ["workflow.updated", { fromVersion: 1, toVersion: 2, fields: ["name", "definition"] }],
    ]);
    const [stored] = await db.ownerSql("select hook_ciphertext from workflows where id = $1", [created.id]);
    expect(String(stored!.hook_ciphertext)).not.toContain(created.hookSecret);
  });

  it("refuses an unknown agent (another tenant's) naming the node, and writes nothing", async () => {
    const before = (await org.caller.workflows.list({})).items.length;
    const f = await failure(org.caller.workflows.create({ name: "Bad", definition: definition(other.agentId) }));
    expect(f.httpStatus).toBe(400);
    expect(f.error.message).toBe("The workflow is not valid: Node “a”: the agent does not exist in this organisation or is archived.");
    expect(f.error.details).toMatchObject({ fields: { "definition.nodes.0.agentId": expect.any(String) } });
    expect((await org.caller.workflows.list({})).items.length).toBe(before);
  });

  it("another tenant's ids are 404s, for reads, runs, cancels and decisions", async () => {
    const mine = await org.caller.workflows.create({ name: "Walled", definition: definition(org.agentId) });
    const run = await org.caller.workflows.startRun({ id: mine.id, input: {} });
    for (const call of [
      () => other.caller.workflows.get({ id: mine.id }),
      () => other.caller.workflows.startRun({ id: mine.id, input: {} }),
      () => other.caller.workflows.runs({ id: mine.id }),
      () => other.caller.workflows.run({ id: run.id }),
      () => other.caller.workflows.cancelRun({ id: run.id }),
    ]) {
      expect((await failure(call())).httpStatus).toBe(404);
    }
    expect((await org.caller.workflows.run({ id: run.id })).status).toBe("queued");
  });

  it("deletes only with the name typed, then it is gone from the list and cannot start", async () => {
    const w = await org.caller.workflows.create({ name: "Doomed", definition: definition(org.agentId) });
    const wrong = await failure(org.caller.workflows.delete({ id: w.id, confirm: "doomed" }));
    expect(wrong.httpStatus).toBe(400);
    expect((await org.caller.workflows.get({ id: w.id })).status).toBe("active");
    await org.caller.workflows.delete({ id: w.id, confirm: "Doomed" });
    expect((await org.caller.workflows.list({ q: "Doomed" })).items).toEqual([]);
    expect((await failure(org.caller.workflows.startRun({ id: w.id, input: {} }))).httpStatus).toBe(404);
    expect((await auditRows(db, org.tenant.id)).some((r) => r.action === "workflow.deleted" && r.target_id === w.id)).toBe(true);
  });

  it("a viewer reads but may not build, run or decide", async () => {
    const viewer = await addMember(db, org, "viewer");
    const as = callerFor(db, { user: viewer, tenantSlug: org.tenant.slug });
    expect((await as.workflows.list({})).items.length).toBeGreaterThan(0);
    expect((await failure(as.workflows.create({ name: "No", definition: definition(org.agentId) }))).httpStatus).toBe(403);
    const w = (await as.workflows.list({})).items[0]!;
    expect((await failure(as.workflows.startRun({ id: w.id, input: {} }))).httpStatus).toBe(403);
  });

  it("a decision is taken once; cancelling an ended run is a 409", async () => {
    const w = await org.caller.workflows.create({
      name: "Decide",
      definition: { nodes: [{ id: "ok", kind: "approval", prompt: "OK?" }], edges: [] },
    });
    const run = await org.caller.workflows.startRun({ id: w.id, input: {} });
    const [approval] = await db.ownerSql(
      `insert into workflow_approvals (tenant_id, workflow_id, workflow_run_id, node_id, prompt, expires_at)
       values ($1, $2, $3, 'ok', 'OK?', now() + interval '1 hour') returning id`,
      [org.tenant.id, w.id, run.id],
    );
    // As the engine leaves it once the approval is open.
    await db.ownerSql("update workflow_runs set status = 'waiting_approval' where id = $1", [run.id]);
    const decided = await org.caller.workflows.decide({ id: String(approval!.id), decision: "rejected", comment: "no" });
    expect(decided).toMatchObject({ status: "rejected", comment: "no", decidedBy: org.owner.id });
    expect((await failure(org.caller.workflows.decide({ id: String(approval!.id), decision: "approved" }))).httpStatus).toBe(409);
    await org.caller.workflows.cancelRun({ id: run.id });
    expect((await failure(org.caller.workflows.cancelRun({ id: run.id }))).error.code).toBe("run_not_active");
  });

  it("creates the customer-service workflow from the template, with its own local-provider agent", async () => {
    const w = await org.caller.workflows.create({ name: "Support", template: "customer-service" });
    expect(w.definition.nodes.map((n) => `${n.id}:${n.kind}`)).toEqual([
      "classify:agent",
      "retrieve:agent",
      "draft:agent",
      "guard:condition",
      "approve:approval",
      "reply:agent",
    ]);
    const agentId = (w.definition.nodes[0] as { agentId: string }).agentId;
    const agent = await org.caller.agents.get({ id: agentId });
    expect(agent.config).toMatchObject({ template: "customer-service", model: { provider: "local" } });
    const [entry] = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "workflow.created" && r.target_id === w.id);
    expect(entry!.diff).toEqual({ version: 1, nodes: 6, template: "customer-service" });
  });
});
