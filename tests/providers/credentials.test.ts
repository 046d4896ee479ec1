import { randomBytes, randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runs, runSteps, agents } from "@/db/schema";
import { loadProviderSecret } from "@/server/agents/credentials/load-provider-secret";
import { rotateKek } from "@/server/agents/credentials/rotate-kek";
import { providerFor } from "@/server/agents/providers";
import { DecryptionError, kekFromBase64, makeKeyring } from "@/server/crypto/envelope";
import { useKeyring } from "@/server/crypto/keyring";
import { addMember, asSystem, callerFor, domainContext, seedTenant } from "../support/callers";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { auditRows, countRows, failure, issuePaths } from "../support/failures";
import { startFakeOpenAI, type FakeOpenAI } from "../support/fake-openai-server";
import { collect } from "./helpers";

const newKek = () => kekFromBase64(randomBytes(32).toString("base64"));
const SECRET = "sk-proj-THISISTHEWHOLESECRET-0123456789wxyz";

describe("provider credentials (real Postgres, production role shape)", () => {
  let db: TestDatabase;
  let fake: FakeOpenAI;
  const kek1 = newKek();
  beforeAll(async () => {
    db = await createPostgresTestDatabase();
    fake = await startFakeOpenAI({ script: { text: "hello from your own key" }, apiKey: SECRET });
    useKeyring(makeKeyring(kek1));
  });
  afterAll(async () => {
    useKeyring(null);
    await fake?.close();
    await db?.drop();
  });

  it("stores the key sealed, shows only its last four characters, and audits without the secret", async () => {
    const org = await seedTenant(db);
    const created = await org.as(org.owner).providerCredentials.create({ name: "Prod OpenAI", provider: "openai", apiKey: SECRET });
    expect(created).toMatchObject({ name: "Prod OpenAI", provider: "openai", baseUrl: null, hint: "wxyz", status: "active" });
    expect(JSON.stringify(created)).not.toContain("THISISTHEWHOLESECRET");

    const [row] = await db.ownerSql("select * from provider_credentials where id = $1", [created.id]);
    expect(row!.kek_id).toBe(kek1.id);
    for (const [column, value] of Object.entries(row!)) {
      const text = value instanceof Date ? value.toISOString() : (JSON.stringify(value) ?? "");
      expect(text, column).not.toContain("THISISTHEWHOLESECRET");
      expect(text, column).not.toContain(Buffer.from(SECRET).toString("base64").slice(0, 16));
    }

    const listed = await org.as(org.owner).providerCredentials.list({});
    const got = await org.as(org.owner).providerCredentials.get({ id: created.id });
    expect(listed.items.map((i) => i.id)).toEqual([created.id]);
    expect(got).toEqual(created);
    expect(JSON.stringify([listed, got])).not.toContain("THISISTHEWHOLESECRET");

    const audit = (await auditRows(db, org.tenant.id)).filter((r) => r.action.startsWith("provider_credential."));
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      action: "provider_credential.created",
      target_type: "provider_credential",
      target_id: created.id,
      diff: { provider: "openai", baseUrl: null, kekId: kek1.id },
      personal: { name: "Prod OpenAI" },
    });
    expect(JSON.stringify(audit)).not.toContain("wxyz");
    expect(JSON.stringify(audit)).not.toContain("THISIS");
  });

  it("hands the runs engine the key, which a provider then uses against the vendor's wire format", async () => {
    const org = await seedTenant(db);
    const created = await org.as(org.owner).providerCredentials.create({
      name: "Local vLLM",
      provider: "openai",
      baseUrl: `${fake.url}/`,
      apiKey: SECRET,
    });
    expect(created.baseUrl).toBe(fake.url);
    const secret = await asSystem(db, org.tenant.id, (ctx) => loadProviderSecret(ctx, created.id, { provider: "openai" }));
    expect(secret).toEqual({ provider: "openai", baseUrl: fake.url, apiKey: SECRET });
    const result = await collect(providerFor({ provider: secret.provider, baseUrl: secret.baseUrl, apiKey: secret.apiKey }));
    expect(result.text).toBe("hello from your own key");
    expect(fake.requests.at(-1)!.headers.authorization).toBe(`Bearer ${SECRET}`);

    const mismatch = await asSystem(db, org.tenant.id, (ctx) => loadProviderSecret(ctx, created.id, { provider: "anthropic" })).catch(
      (e) => e,
    );
    expect(mismatch).toMatchObject({ code: "credential_provider_mismatch" });
  });

  it("refuses bad input with field errors and writes nothing", async () => {
    const org = await seedTenant(db);
    const bad = [
      [{ name: "x", provider: "openai", apiKey: "short" }, "apiKey"],
      [{ name: "x", provider: "openai", apiKey: "sk has spaces in it" }, "apiKey"],
      [{ name: "", provider: "openai", apiKey: SECRET }, "name"],
      [{ name: "x", provider: "gemini", apiKey: SECRET }, "provider"],
      [{ name: "x", provider: "openai", apiKey: SECRET, baseUrl: "http://llm.example.com/v1" }, "baseUrl"],
      [{ name: "x", provider: "openai", apiKey: SECRET, baseUrl: "ftp://llm.example.com" }, "baseUrl"],
      [{ name: "x", provider: "openai", apiKey: SECRET, baseUrl: "https://user:pw@llm.example.com/v1" }, "baseUrl"],
      [{ name: "x", provider: "openai", apiKey: SECRET, baseUrl: "https://llm.example.com/v1?key=1" }, "baseUrl"],
      [{ name: "x", provider: "openai", apiKey: SECRET, baseUrl: "not a url" }, "baseUrl"],
    ] as const;
    for (const [input, field] of bad) {
      const f = await failure(org.as(org.owner).providerCredentials.create(input as never));
      expect(f.httpStatus, JSON.stringify(input)).toBe(400);
      expect(issuePaths(f)).toContain(field);
      expect(JSON.stringify(f.shape)).not.toContain("THISISTHEWHOLESECRET");
    }
    expect(await countRows(db, "provider_credentials", org.tenant.id)).toBe(0);
    // Loopback over http is a developer's own server: allowed outside production.
    const local = await org.as(org.owner).providerCredentials.create({
      name: "Ollama",
      provider: "openai",
      apiKey: "ollama-local",
      baseUrl: "http://localhost:11434/v1",
    });
    expect(local.baseUrl).toBe("http://localhost:11434/v1");
  });

  it("lets admins and owners manage keys, developers and viewers only read them", async () => {
    const org = await seedTenant(db);
    const admin = await addMember(db, org, "admin");
    const developer = await addMember(db, org, "developer");
    const viewer = await addMember(db, org, "viewer");
    const made = await org.as(admin).providerCredentials.create({ name: "By admin", provider: "anthropic", apiKey: "sk-ant-admin-1234" });
    for (const reader of [developer, viewer]) {
      expect((await org.as(reader).providerCredentials.list({})).items.map((i) => i.id)).toContain(made.id);
      const create = await failure(org.as(reader).providerCredentials.create({ name: "nope", provider: "openai", apiKey: SECRET }));
      expect(create.httpStatus).toBe(403);
      expect((await failure(org.as(reader).providerCredentials.revoke({ id: made.id }))).httpStatus).toBe(403);
    }
    expect(await countRows(db, "provider_credentials", org.tenant.id)).toBe(1);
  });

  it("keeps each tenant's keys to itself (another tenant's id is a 404, in every verb)", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    const key = await a.as(a.owner).providerCredentials.create({ name: "A's key", provider: "openai", apiKey: SECRET });
    expect((await failure(b.as(b.owner).providerCredentials.get({ id: key.id }))).httpStatus).toBe(404);
    expect((await failure(b.as(b.owner).providerCredentials.revoke({ id: key.id }))).httpStatus).toBe(404);
    expect((await b.as(b.owner).providerCredentials.list({})).items).toEqual([]);
    const load = await asSystem(db, b.tenant.id, (ctx) => loadProviderSecret(ctx, key.id)).catch((e) => e);
    expect(load).toMatchObject({ kind: "not_found" });
    // Even a row copied into the other tenant by someone with database access does not open there: the seal names its tenant.
    const [row] = await db.ownerSql("select * from provider_credentials where id = $1", [key.id]);
    const copyId = randomUUID();
    await db.ownerSql(
      "insert into provider_credentials (id, tenant_id, name, provider, ciphertext, wrapped_key, kek_id, hint) values ($1, $2, 'copy', 'openai', $3, $4, $5, 'xxxx')",
      [copyId, b.tenant.id, row!.ciphertext, row!.wrapped_key, row!.kek_id],
    );
    const copied = await asSystem(db, b.tenant.id, (ctx) => loadProviderSecret(ctx, copyId)).catch((e) => e);
    expect(copied).toBeInstanceOf(DecryptionError);
    await db.ownerSql("delete from provider_credentials where id = $1", [copyId]);
  });

  it("revokes once (erasing the sealed key, audited), then refuses to hand it out", async () => {
    const org = await seedTenant(db);
    const key = await org.as(org.owner).providerCredentials.create({ name: "Old", provider: "anthropic", apiKey: "sk-ant-old-key-9876" });
    const revoked = await org.as(org.owner).providerCredentials.revoke({ id: key.id });
    expect(revoked.status).toBe("revoked");
    const [row] = await db.ownerSql("select ciphertext, wrapped_key from provider_credentials where id = $1", [key.id]);
    expect(row).toEqual({ ciphertext: "", wrapped_key: "" });
    const again = await failure(org.as(org.owner).providerCredentials.revoke({ id: key.id }));
    expect(again.httpStatus).toBe(409);
    const load = await asSystem(db, org.tenant.id, (ctx) => loadProviderSecret(ctx, key.id)).catch((e) => e);
    expect(load).toMatchObject({ code: "credential_revoked" });
    const audit = (await auditRows(db, org.tenant.id)).filter((r) => r.action === "provider_credential.revoked");
    expect(audit).toEqual([expect.objectContaining({ target_id: key.id, diff: { provider: "anthropic" }, personal: { name: "Old" } })]);
    expect((await org.as(org.owner).providerCredentials.list({ revoked: "exclude" })).items).toEqual([]);
  });

  it("rotates the KEK: re-wraps every data key (idempotent, audited on the platform path), after which the old KEK can go", async () => {
    const a = await seedTenant(db);
    const b = await seedTenant(db);
    useKeyring(makeKeyring(kek1));
    const keyA = await a.as(a.owner).providerCredentials.create({ name: "A", provider: "openai", apiKey: "sk-a-0000111122223333" });
    const keyB = await b.as(b.owner).providerCredentials.create({ name: "B", provider: "anthropic", apiKey: "sk-ant-b-444455556666" });
    const gone = await b.as(b.owner).providerCredentials.create({ name: "B2", provider: "openai", apiKey: "sk-b2-777788889999" });
    await b.as(b.owner).providerCredentials.revoke({ id: gone.id });
    const before = await db.ownerSql("select id, ciphertext from provider_credentials where id = any($1)", [[keyA.id, keyB.id]]);

    const kek2 = newKek();
    const rotating = makeKeyring(kek2, [kek1]);
    const platformRows = await countRows(db, "platform_audit_log");
    const report = await rotateKek(domainContext(db).scopes, rotating);
    expect(report.failed).toEqual([]);
    // Every active credential in the database (other tests' too) was under kek1.
    const active = Number((await db.ownerSql("select count(*)::int as n from provider_credentials where revoked_at is null"))[0]!.n);
    expect(report.rewrapped).toBe(active);
    expect(report.rewrapped).toBeGreaterThanOrEqual(2);
    expect(await countRows(db, "platform_audit_log")).toBeGreaterThan(platformRows);
    const reasons = await db.ownerSql("select reason, actor_type from platform_audit_log order by at desc limit 3");
    expect(reasons.map((r) => r.reason).join(" ")).toContain(`kek rotation: re-wrap provider credential data keys under ${kek2.id}`);

    const after = await db.ownerSql("select id, ciphertext, kek_id, rotated_at from provider_credentials where id = any($1)", [
      [keyA.id, keyB.id],
    ]);
    for (const row of after) {
      expect(row.kek_id).toBe(kek2.id);
      expect(row.rotated_at).not.toBeNull();
      // The secret's own ciphertext is untouched: only the data key was re-wrapped.
      expect(row.ciphertext).toBe(before.find((r) => r.id === row.id)!.ciphertext);
    }

    // Idempotent.
    const again = await rotateKek(domainContext(db).scopes, rotating);
    expect(again).toMatchObject({ rewrapped: 0, failed: [] });

    // The old KEK is removed: everything still opens.
    useKeyring(makeKeyring(kek2));
    expect((await asSystem(db, a.tenant.id, (ctx) => loadProviderSecret(ctx, keyA.id))).apiKey).toBe("sk-a-0000111122223333");
    expect((await asSystem(db, b.tenant.id, (ctx) => loadProviderSecret(ctx, keyB.id))).apiKey).toBe("sk-ant-b-444455556666");

    // A row sealed under a KEK nobody configured is reported, not lost or half-written.
    const stray = makeKeyring(newKek());
    useKeyring(stray);
    const orphan = await a.as(a.owner).providerCredentials.create({ name: "Stray", provider: "openai", apiKey: "sk-stray-12345678" });
    useKeyring(makeKeyring(kek2));
    const partial = await rotateKek(domainContext(db).scopes, makeKeyring(kek2));
    expect(partial.failed).toEqual([{ id: orphan.id, reason: expect.stringContaining("not configured") }]);
    expect(partial.rewrapped).toBe(0);
  });

  it("reports each model's error rate and latency from the agent's recent steps", async () => {
    const org = await seedTenant(db);
    const now = Date.now();
    const agentId = await db.scopes.withTenant(org.tenant.id, async (tx) => {
      const [agent] = await tx
        .insert(agents)
        .values({ tenantId: org.tenant.id, name: "Bot", canary: `c-${randomUUID()}` })
        .returning();
      const [run] = await tx
        .insert(runs)
        .values({ tenantId: org.tenant.id, agentId: agent!.id, agentVersion: 1, status: "completed", input: "hi", actorType: "user" })
        .returning();
      const step = (
        ordinal: number,
        kind: "model_call" | "fallback",
        provider: string,
        model: string,
        status: string,
        latencyMs: number,
        reason?: string,
        ageMs = 0,
      ) => ({
        tenantId: org.tenant.id,
        runId: run!.id,
        ordinal,
        kind,
        status,
        provider,
        model,
        latencyMs,
        detail: reason ? { reason } : null,
        startedAt: new Date(now - ageMs - latencyMs),
        completedAt: new Date(now - ageMs),
      });
      await tx.insert(runSteps).values([
        ...[100, 200, 300, 400, 500, 600, 700, 800, 900, 1000].map((ms, i) => step(i, "model_call", "openai", "gpt-4o-mini", "ok", ms)),
        step(10, "fallback", "openai", "gpt-4o-mini", "error", 15_000, "timeout"),
        step(11, "model_call", "openai", "gpt-4o-mini", "error", 50, "http"),
        step(12, "fallback", "anthropic", "claude-haiku-4-5", "error", 0, "circuit_open"),
        step(13, "model_call", "local", "local", "ok", 3),
        // Older than the window: not counted.
        step(14, "model_call", "openai", "gpt-4o-mini", "error", 10, "http", 3 * 86_400_000),
      ]);
      return agent!.id;
    });
    const health = await org.as(org.owner).providerHealth.get({ id: agentId, windowHours: 24 });
    expect(health.sampled).toBe(14);
    const openai = health.items.find((i) => i.provider === "openai")!;
    expect(openai).toMatchObject({
      model: "gpt-4o-mini",
      calls: 12,
      errors: 2,
      skipped: 0,
      p50LatencyMs: 500,
      p95LatencyMs: 1000,
      circuit: "closed",
    });
    expect(openai.errorRate).toBeCloseTo(2 / 12);
    expect(health.items.find((i) => i.provider === "anthropic")).toMatchObject({
      calls: 0,
      errors: 0,
      skipped: 1,
      errorRate: 0,
      p50LatencyMs: null,
    });
    expect(health.items.find((i) => i.provider === "local")).toMatchObject({ calls: 1, errors: 0, p50LatencyMs: 3 });
    // Another tenant cannot read it.
    const other = await seedTenant(db);
    expect((await failure(other.as(other.owner).providerHealth.get({ id: agentId }))).httpStatus).toBe(404);
  });

  it("is reachable over REST with an API key (GET /provider-credentials)", async () => {
    const org = await seedTenant(db);
    const { secret } = await org.as(org.owner).apiKeys.create({ name: "ci", scopes: ["provider:read"] });
    await org.as(org.owner).providerCredentials.create({ name: "Via REST", provider: "openai", apiKey: SECRET });
    const listed = await callerFor(db, { apiKey: secret }).providerCredentials.list({});
    expect(listed.items.map((i) => i.name)).toEqual(["Via REST"]);
    const denied = await failure(
      callerFor(db, { apiKey: secret }).providerCredentials.create({ name: "x", provider: "openai", apiKey: SECRET }),
    );
    expect(denied.httpStatus).toBe(403);
  });
});
