import { randomUUID } from "node:crypto";
import { TRPCError } from "@trpc/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { knowledgeCollections, providerCredentials } from "@/db/schema";
import { loadAgentForRun } from "@/server/agents/load-agent-for-run";
import { INSTRUCTIONS_MAX_BYTES } from "@/server/agents/config-schema";
import { errorEnvelope } from "@/server/trpc/error-shape";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, asSystem, callerFor, seedTenant } from "../support/callers";
import { auditRows, countRows, failure, issuePaths } from "../support/failures";

type Org = Awaited<ReturnType<typeof seedTenant>>;

/** A provider key row, as the providers area would store it (its verb is not on this branch): sealed bytes are placeholders. */
async function seedCredential(db: TestDatabase, org: Org, provider: "openai" | "anthropic", options: { revoked?: boolean } = {}) {
  return asSystem(db, org.tenant.id, async (ctx) => {
    const [row] = await ctx.tx
      .insert(providerCredentials)
      .values({
        tenantId: org.tenant.id,
        name: `${provider} key`,
        provider,
        ciphertext: "c2VhbGVk",
        wrappedKey: "d3JhcHBlZA==",
        kekId: "test",
        hint: "abcd",
        revokedAt: options.revoked ? new Date() : null,
      })
      .returning();
    return row!.id;
  });
}

async function seedCollection(db: TestDatabase, org: Org, name = "Docs") {
  return asSystem(db, org.tenant.id, async (ctx) => {
    const [row] = await ctx.tx.insert(knowledgeCollections).values({ tenantId: org.tenant.id, name }).returning();
    return row!.id;
  });
}

const canaryOf = async (db: TestDatabase, id: string) =>
  String((await db.ownerSql("select canary from agents where id = $1", [id]))[0]!.canary);

describe("agents", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
  });
  afterAll(async () => {
    await db.drop();
  });

  it("creates from a template: version 1, the template's config, a canary that no DTO carries, audited", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const agent = await owner.agents.create({ template: "customer-service", name: "Helpdesk" });
    expect(agent).toMatchObject({ name: "Helpdesk", status: "active", currentVersion: 1, archivedAt: null, createdBy: org.owner.id });
    expect(agent.config).toMatchObject({
      template: "customer-service",
      model: { provider: "local", model: "local-retrieval", credentialId: null },
      tools: ["knowledge_search"],
      knowledgeCollectionIds: [],
    });
    expect(agent.config.temperature).toBeLessThanOrEqual(0.3);
    expect(agent.config.instructions).toMatch(/cite/i);

    const canary = await canaryOf(db, agent.id);
    expect(canary).toMatch(/^agt-canary-[0-9a-f]{16}$/);
    const everything = JSON.stringify([
      agent,
      await owner.agents.get({ id: agent.id }),
      await owner.agents.list({}),
      await owner.agents.versions({ id: agent.id }),
      await owner.agents.version({ id: agent.id, version: 1 }),
    ]);
    expect(everything).not.toContain(canary);
    expect(everything).not.toContain('canary"');

    const [entry] = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "agent.created");
    expect(entry).toMatchObject({ target_type: "agent", target_id: agent.id, personal: { name: "Helpdesk" } });
    expect(entry!.diff).toEqual({ version: 1, template: "customer-service", provider: "local", model: "local-retrieval" });

    // The fields sent win over the template's.
    const tuned = await owner.agents.create({ template: "research-assistant", name: "Analyst", temperature: 1.5, tools: ["calculator"] });
    expect(tuned.config).toMatchObject({ template: "research-assistant", temperature: 1.5, tools: ["calculator"] });
    const templates = await owner.agents.templates({});
    expect(templates.items.map((t) => t.id)).toEqual(expect.arrayContaining(["customer-service", "faq-bot", "research-assistant"]));
  });

  it("creates from scratch with defaults, normalising repeated tools and collections", async () => {
    const org = await seedTenant(db);
    const collection = await seedCollection(db, org);
    const agent = await org.as(org.owner).agents.create({
      name: "  Blank  ",
      tools: ["calculator", "knowledge_search", "calculator"],
      knowledgeCollectionIds: [collection, collection],
      guardPolicy: { pii: { action: "block" }, secrets: {} },
    });
    expect(agent.name).toBe("Blank");
    expect(agent.config).toMatchObject({
      description: "",
      instructions: "",
      model: { provider: "local", model: "local-retrieval" },
      tools: ["knowledge_search", "calculator"],
      knowledgeCollectionIds: [collection],
      guardPolicy: { pii: { action: "block" } },
      template: null,
    });
  });

  it("refuses bad input with the field's path, and writes nothing", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const cases: [Record<string, unknown>, string][] = [
      [{ name: "" }, "name"],
      [{ name: "x".repeat(81) }, "name"],
      [{ name: "ok", description: "d".repeat(501) }, "description"],
      [{ name: "ok", instructions: "汉".repeat(Math.ceil(INSTRUCTIONS_MAX_BYTES / 3) + 1) }, "instructions"],
      [{ name: "ok", model: { provider: "gemini", model: "g" } }, "model.provider"],
      [{ name: "ok", model: { provider: "local", model: "gpt-4o" } }, "model.model"],
      [{ name: "ok", model: { provider: "openai", model: "" } }, "model.model"],
      [{ name: "ok", model: { provider: "openai", model: "gpt-4o-mini" } }, "model.credentialId"],
      [{ name: "ok", temperature: 2.5 }, "temperature"],
      [{ name: "ok", temperature: -0.1 }, "temperature"],
      [{ name: "ok", maxTokens: 0 }, "maxTokens"],
      [{ name: "ok", maxTokens: 32001 }, "maxTokens"],
      [{ name: "ok", maxTokens: 1.5 }, "maxTokens"],
      [{ name: "ok", tools: ["shell"] }, "tools.0"],
      [{ name: "ok", fallbacks: Array.from({ length: 4 }, () => ({ provider: "local", model: "local-retrieval" })) }, "fallbacks"],
      [{ name: "ok", knowledgeCollectionIds: ["not-a-uuid"] }, "knowledgeCollectionIds.0"],
      [{ name: "ok", guardPolicy: { injection: { action: "ignore" } } }, "guardPolicy.injection.action"],
      [{ name: "ok", guardPolicy: { injection: { threshold: 1.5 } } }, "guardPolicy.injection.threshold"],
      [{ name: "ok", guardPolicy: { telepathy: { action: "block" } } }, "guardPolicy"],
      [{ name: "ok", template: "nope" }, "template"],
    ];
    for (const [input, path] of cases) {
      const f = await failure(owner.agents.create(input as never));
      expect(f.httpStatus, JSON.stringify(input).slice(0, 80)).toBe(400);
      expect(f.error.code).toBe("validation_failed");
      expect(issuePaths(f), JSON.stringify(input).slice(0, 80)).toContain(path);
    }
    expect(await countRows(db, "agents", org.tenant.id)).toBe(0);
    expect(await countRows(db, "agent_versions", org.tenant.id)).toBe(0);
  });

  it("speaks the reader's language in validation messages and domain errors", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const inChinese = async (call: Promise<unknown>) => {
      const error = await call.then(
        () => null,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(TRPCError);
      return errorEnvelope(error as TRPCError, "req-zh", "zh-CN");
    };
    const missing = await inChinese(owner.agents.create({ name: "ok", model: { provider: "openai", model: "gpt-4o-mini" } }));
    expect(missing.code).toBe("validation_failed");
    expect((missing.details!.fields as Record<string, string>)["model.credentialId"]).toBe("请为该提供方选择一个密钥");
    const unknown = await inChinese(
      owner.agents.create({ name: "ok", model: { provider: "openai", model: "gpt-4o-mini", credentialId: randomUUID() } }),
    );
    expect(unknown).toMatchObject({ code: "unknown_credential", message: "没有这个提供方密钥（或它已被吊销）。" });
    expect((unknown.details!.fields as Record<string, string>)["model.credentialId"]).toBe(unknown.message);
  });

  it("checks credentials and collections against the tenant: unknown, revoked, another provider's or another tenant's are 400s", async () => {
    const org = await seedTenant(db);
    const other = await seedTenant(db);
    const owner = org.as(org.owner);
    const openai = await seedCredential(db, org, "openai");
    const revoked = await seedCredential(db, org, "openai", { revoked: true });
    const anthropic = await seedCredential(db, org, "anthropic");
    const foreign = await seedCredential(db, other, "openai");
    const foreignCollection = await seedCollection(db, other);

    for (const credentialId of [randomUUID(), revoked, foreign]) {
      const f = await failure(owner.agents.create({ name: "x", model: { provider: "openai", model: "gpt-4o-mini", credentialId } }));
      expect(f).toMatchObject({ httpStatus: 400, error: { code: "unknown_credential" } });
      expect(Object.keys(f.error.details!.fields as object)).toEqual(["model.credentialId"]);
    }
    const mismatch = await failure(
      owner.agents.create({ name: "x", model: { provider: "openai", model: "gpt-4o", credentialId: anthropic } }),
    );
    expect(mismatch.error).toMatchObject({
      code: "credential_provider_mismatch",
      details: { fields: { "model.credentialId": expect.any(String) } },
    });
    const fallback = await failure(
      owner.agents.create({
        name: "x",
        model: { provider: "openai", model: "gpt-4o-mini", credentialId: openai },
        fallbacks: [{ provider: "anthropic", model: "claude-3-5-haiku", credentialId: randomUUID() }],
      }),
    );
    expect(fallback.error).toMatchObject({
      code: "unknown_credential",
      details: { fields: { "fallbacks.0.credentialId": expect.any(String) } },
    });
    const collection = await failure(owner.agents.create({ name: "x", knowledgeCollectionIds: [foreignCollection] }));
    expect(collection.error).toMatchObject({
      code: "unknown_collection",
      details: { fields: { knowledgeCollectionIds: expect.any(String) } },
    });
    expect(await countRows(db, "agents", org.tenant.id)).toBe(0);

    const ok = await owner.agents.create({
      name: "Vendor",
      model: { provider: "openai", model: "gpt-4o-mini", credentialId: openai },
      fallbacks: [
        { provider: "anthropic", model: "claude-3-5-haiku", credentialId: anthropic },
        { provider: "local", model: "local-retrieval", credentialId: openai },
      ],
    });
    expect(ok.config.model.credentialId).toBe(openai);
    expect(ok.config.fallbacks[1]).toEqual({ provider: "local", model: "local-retrieval", credentialId: null });

    // An edit that points at an unusable key is refused too, and saves no version.
    const f = await failure(owner.agents.update({ id: ok.id, model: { provider: "openai", model: "gpt-4o", credentialId: revoked } }));
    expect(f.error.code).toBe("unknown_credential");
    expect((await owner.agents.get({ id: ok.id })).currentVersion).toBe(1);
  });

  it("saves every change as a new version, and a no-op edit as nothing", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const agent = await owner.agents.create({ template: "faq-bot", name: "FAQ" });
    const before = await countRows(db, "audit_log", org.tenant.id);

    const same = await owner.agents.update({
      id: agent.id,
      name: "FAQ",
      temperature: agent.config.temperature,
      tools: ["knowledge_search"],
    });
    expect(same).toMatchObject({ changed: false, currentVersion: 1 });
    expect(await countRows(db, "agent_versions", org.tenant.id)).toBe(1);
    expect(await countRows(db, "audit_log", org.tenant.id)).toBe(before);

    const v2 = await owner.agents.update({ id: agent.id, name: "FAQ v2", instructions: "Answer briefly." });
    expect(v2).toMatchObject({
      changed: true,
      currentVersion: 2,
      name: "FAQ v2",
      config: { name: "FAQ v2", instructions: "Answer briefly." },
    });
    const v3 = await owner.agents.update({ id: agent.id, guardPolicy: { pii: { action: "block", threshold: 0.4 } } });
    expect(v3.currentVersion).toBe(3);
    expect(v3.config.instructions).toBe("Answer briefly.");

    const versions = await owner.agents.versions({ id: agent.id });
    expect(versions.items.map((v) => [v.version, v.changedFields])).toEqual([
      [3, ["guardPolicy"]],
      [2, ["name", "instructions"]],
      [1, []],
    ]);
    const one = await owner.agents.version({ id: agent.id, version: 1 });
    expect(one.config).toMatchObject({ name: "FAQ", template: "faq-bot" });
    expect((await owner.agents.version({ id: agent.id, version: 2 })).changedFields).toEqual(["name", "instructions"]);
    expect((await failure(owner.agents.version({ id: agent.id, version: 4 }))).httpStatus).toBe(404);

    // Paginated, newest first, with the diff still right across the page edge.
    const first = await owner.agents.versions({ id: agent.id, limit: 2 });
    expect(first.items.map((v) => v.version)).toEqual([3, 2]);
    expect(first.items[1]!.changedFields).toEqual(["name", "instructions"]);
    const second = await owner.agents.versions({ id: agent.id, limit: 2, cursor: first.nextCursor! });
    expect(second).toMatchObject({ items: [{ version: 1 }], nextCursor: null });

    const updates = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "agent.updated");
    expect(updates.map((r) => r.diff)).toEqual([
      { fromVersion: 1, toVersion: 2, fields: ["name", "instructions"] },
      { fromVersion: 2, toVersion: 3, fields: ["guardPolicy"] },
    ]);
    expect(updates[0]!.personal).toEqual({ name: "FAQ v2" });
  });

  it("lists newest first with search (escaped), status filter, archived left out, and keyset pages", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const names = ["Billing helper", "Refund bot", "100% sure", "snake_case bot", "Research"];
    const created = [];
    for (const name of names)
      created.push(await owner.agents.create({ name, description: name === "Research" ? "Finds papers about billing" : "" }));

    expect((await owner.agents.list({})).items.map((a) => a.name)).toEqual([...names].reverse());
    expect((await owner.agents.list({ q: "BILLING" })).items.map((a) => a.name).sort()).toEqual(["Billing helper", "Research"]);
    expect((await owner.agents.list({ q: "%" })).items.map((a) => a.name)).toEqual(["100% sure"]);
    expect((await owner.agents.list({ q: "_" })).items.map((a) => a.name)).toEqual(["snake_case bot"]);
    expect((await owner.agents.list({ q: "nothing like it" })).items).toEqual([]);

    await owner.agents.setStatus({ id: created[1]!.id, status: "quarantined", reason: "Leaked a card number" });
    expect((await owner.agents.list({ status: "quarantined" })).items.map((a) => a.name)).toEqual(["Refund bot"]);
    expect((await owner.agents.list({ status: "active" })).items).toHaveLength(4);

    await owner.agents.archive({ id: created[0]!.id });
    expect((await owner.agents.list({})).items.map((a) => a.name)).not.toContain("Billing helper");
    expect((await owner.agents.list({ archived: "only" })).items.map((a) => a.name)).toEqual(["Billing helper"]);
    expect((await owner.agents.list({ archived: "include" })).items).toHaveLength(5);

    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await owner.agents.list({ limit: 2, cursor, archived: "include" });
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((a) => a.name));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toEqual([...names].reverse());
    const summary = (await owner.agents.list({ q: "Refund" })).items[0]!;
    expect(summary).toMatchObject({
      provider: "local",
      model: "local-retrieval",
      status: "quarantined",
      statusReason: "Leaked a card number",
    });
    expect((await failure(owner.agents.list({ cursor: "garbage" }))).error.code).toBe("invalid_cursor");
  });

  it("quarantines, disables and reactivates with a reason; runs read the status through loadAgentForRun", async () => {
    const org = await seedTenant(db);
    const dev = await addMember(db, org, "developer");
    const agent = await org.as(org.owner).agents.create({ template: "customer-service", name: "Support" });
    const run = () => asSystem(db, org.tenant.id, (ctx) => loadAgentForRun(ctx, agent.id), "agent:read");

    const ready = await run();
    expect(ready).toMatchObject({ version: 1, agent: { id: agent.id, status: "active" }, config: { name: "Support" } });
    expect(ready.agent.canary).toMatch(/^agt-canary-/);

    const noReason = await failure(org.as(dev).agents.setStatus({ id: agent.id, status: "quarantined" }));
    expect(noReason).toMatchObject({
      httpStatus: 400,
      error: { code: "status_reason_required", details: { fields: { reason: expect.any(String) } } },
    });
    expect((await failure(org.as(dev).agents.setStatus({ id: agent.id, status: "disabled", reason: "  " }))).error.code).toBe(
      "status_reason_required",
    );

    const quarantined = await org.as(dev).agents.setStatus({ id: agent.id, status: "quarantined", reason: "Prompt injection incidents" });
    expect(quarantined).toMatchObject({ status: "quarantined", statusReason: "Prompt injection incidents", currentVersion: 1 });
    await expect(run()).rejects.toMatchObject({ code: "agent_quarantined", kind: "conflict" });

    await org.as(dev).agents.setStatus({ id: agent.id, status: "disabled", reason: "Retired for the holidays" });
    await expect(run()).rejects.toMatchObject({ code: "agent_disabled", message: expect.stringMatching(/disabled/) });

    const active = await org.as(dev).agents.setStatus({ id: agent.id, status: "active" });
    expect(active).toMatchObject({ status: "active", statusReason: null });
    expect((await run()).version).toBe(1);
    // The same status again changes nothing.
    await org.as(dev).agents.setStatus({ id: agent.id, status: "active" });

    const changes = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "agent.status_changed");
    expect(changes.map((r) => r.diff)).toEqual([
      { status: { from: "active", to: "quarantined" } },
      { status: { from: "quarantined", to: "disabled" } },
      { status: { from: "disabled", to: "active" } },
    ]);
    expect(changes[0]!.personal).toEqual({ name: "Support", reason: "Prompt injection incidents" });

    await expect(asSystem(db, org.tenant.id, (ctx) => loadAgentForRun(ctx, randomUUID()), "agent:read")).rejects.toMatchObject({
      kind: "not_found",
    });
  });

  it("archives softly: still readable, no longer editable, runnable or re-archivable", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const agent = await owner.agents.create({ name: "Old" });
    const archived = await owner.agents.archive({ id: agent.id });
    expect(archived.archivedAt).not.toBeNull();
    expect((await owner.agents.get({ id: agent.id })).archivedAt).toBe(archived.archivedAt);

    for (const call of [
      owner.agents.update({ id: agent.id, name: "New" }),
      owner.agents.setStatus({ id: agent.id, status: "disabled", reason: "because" }),
      owner.agents.archive({ id: agent.id }),
    ]) {
      expect(await failure(call)).toMatchObject({ httpStatus: 409, error: { code: "agent_archived" } });
    }
    await expect(asSystem(db, org.tenant.id, (ctx) => loadAgentForRun(ctx, agent.id), "agent:read")).rejects.toMatchObject({
      code: "agent_archived",
    });
    expect(await countRows(db, "agent_versions", org.tenant.id)).toBe(1);
    expect((await auditRows(db, org.tenant.id)).filter((r) => r.action === "agent.archived")).toHaveLength(1);
  });

  it("enforces permissions: viewers read only, keys only within their scopes", async () => {
    const org = await seedTenant(db);
    const viewer = await addMember(db, org, "viewer");
    const agent = await org.as(org.owner).agents.create({ name: "Shared" });

    expect((await org.as(viewer).agents.list({})).items).toHaveLength(1);
    expect((await org.as(viewer).agents.get({ id: agent.id })).name).toBe("Shared");
    for (const call of [
      org.as(viewer).agents.create({ name: "mine" }),
      org.as(viewer).agents.update({ id: agent.id, name: "renamed" }),
      org.as(viewer).agents.setStatus({ id: agent.id, status: "disabled", reason: "just because" }),
      org.as(viewer).agents.archive({ id: agent.id }),
    ]) {
      expect(await failure(call)).toMatchObject({ httpStatus: 403, error: { code: "missing_permission" } });
    }

    const { secret: readKey } = await org.as(org.owner).apiKeys.create({ name: "reader", scopes: ["agent:read"] });
    const reader = callerFor(db, { apiKey: readKey });
    expect((await reader.agents.get({ id: agent.id })).id).toBe(agent.id);
    expect(await failure(reader.agents.create({ name: "no" }))).toMatchObject({
      httpStatus: 403,
      error: { code: "missing_permission", details: { required: "agent:create" } },
    });
    const { secret: writeKey } = await org.as(org.owner).apiKeys.create({ name: "writer", scopes: ["agent:*"] });
    const writer = callerFor(db, { apiKey: writeKey });
    const made = await writer.agents.create({ template: "faq-bot", name: "From CI" });
    expect(made.createdBy).toBe(org.owner.id);
    expect((await writer.agents.archive({ id: made.id })).archivedAt).not.toBeNull();
    const { secret: unrelated } = await org.as(org.owner).apiKeys.create({ name: "keys only", scopes: ["apikey:read"] });
    expect((await failure(callerFor(db, { apiKey: unrelated }).agents.list({}))).httpStatus).toBe(403);
    expect(await countRows(db, "agents", org.tenant.id)).toBe(2);
  });

  it("answers 404 for another tenant's agent, exactly as for a missing one, and changes nothing", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const theirs = await b.as(b.owner).agents.create({ template: "customer-service", name: "B's agent" });
    const mine = a.as(a.owner);
    const calls = (id: string) => [
      mine.agents.get({ id }),
      mine.agents.update({ id, name: "hijacked" }),
      mine.agents.setStatus({ id, status: "disabled", reason: "sabotage" }),
      mine.agents.archive({ id }),
      mine.agents.versions({ id }),
      mine.agents.version({ id, version: 1 }),
    ];
    const foreign = await Promise.all(calls(theirs.id).map((c) => failure(c)));
    const missing = await Promise.all(calls(randomUUID()).map((c) => failure(c)));
    for (const [i, f] of foreign.entries()) {
      expect(f.httpStatus).toBe(404);
      expect(f.error).toEqual(missing[i]!.error);
    }
    expect((await mine.agents.list({ archived: "include" })).items).toEqual([]);
    await expect(asSystem(db, a.tenant.id, (ctx) => loadAgentForRun(ctx, theirs.id), "agent:read")).rejects.toMatchObject({
      kind: "not_found",
    });
    expect(await b.as(b.owner).agents.get({ id: theirs.id })).toMatchObject({
      name: "B's agent",
      status: "active",
      archivedAt: null,
      currentVersion: 1,
    });
  });
});
