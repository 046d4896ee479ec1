import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createToolContext, TOOLS } from "@/server/agents/tools";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, seedTenant } from "../support/callers";
import { auditRows, countRows, failure } from "../support/failures";

describe("the http_request allow-list and the tool context", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 4 });
  });
  afterAll(async () => {
    await db.drop();
  });

  it("adds (normalised), lists, removes, audits; refuses bad hosts and duplicates", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const added = await owner.tools.addAllowedHost({ host: "  API.Example.com. " });
    expect(added.host).toBe("api.example.com");
    await owner.tools.addAllowedHost({ host: "例子.中国" });
    expect((await owner.tools.listAllowedHosts({})).items.map((h) => h.host)).toEqual(["api.example.com", "xn--fsqu00a.xn--fiqs8s"]);
    for (const host of ["https://evil.example/x", "127.0.0.1", "example.com:8080", "a b"]) {
      const f = await failure(owner.tools.addAllowedHost({ host }));
      expect([f.httpStatus, f.error.code], host).toEqual([400, "invalid_host"]);
    }
    const dup = await failure(owner.tools.addAllowedHost({ host: "api.example.com" }));
    expect([dup.httpStatus, dup.error.code]).toEqual([409, "host_already_allowed"]);
    expect(await countRows(db, "http_allowed_hosts", org.tenant.id)).toBe(2);
    await owner.tools.removeAllowedHost({ id: added.id });
    expect((await failure(owner.tools.removeAllowedHost({ id: added.id }))).code).toBe("NOT_FOUND");
    const rows = (await auditRows(db, org.tenant.id)).filter((r) => r.action.startsWith("tool."));
    expect(rows.map((r) => [r.action, r.diff])).toEqual([
      ["tool.host_allowed", { host: "api.example.com" }],
      ["tool.host_allowed", { host: "xn--fsqu00a.xn--fiqs8s" }],
      ["tool.host_removed", { host: "api.example.com" }],
    ]);
  });

  it("needs guard:manage to change and guard:read to list; another tenant sees nothing", async () => {
    const org = await seedTenant(db);
    const host = await org.as(org.owner).tools.addAllowedHost({ host: "api.example.com" });
    const developer = await addMember(db, org, "developer");
    expect((await org.as(developer).tools.listAllowedHosts({})).items).toHaveLength(1);
    expect((await failure(org.as(developer).tools.addAllowedHost({ host: "x.example.com" }))).code).toBe("FORBIDDEN");
    const other = await seedTenant(db);
    expect((await other.as(other.owner).tools.listAllowedHosts({})).items).toEqual([]);
    expect((await failure(other.as(other.owner).tools.removeAllowedHost({ id: host.id }))).code).toBe("NOT_FOUND");
  });

  it("builds a tool context: the tenant's allow-list, and knowledge_search over the agent's collections only", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    await owner.tools.addAllowedHost({ host: "api.example.com" });
    const faq = await owner.knowledge.createCollection({ name: "FAQ" });
    const internal = await owner.knowledge.createCollection({ name: "Internal" });
    await owner.knowledge.addDocument({ collectionId: faq.id, title: "退款说明", content: "如需退款，请在 30 天内联系客服。" });
    await owner.knowledge.addDocument({ collectionId: internal.id, title: "财务", content: "退款审核每周一次。" });
    const signal = new AbortController().signal;

    const ctx = await createToolContext(db.scopes, org.tenant.id, { collectionIds: [faq.id], signal });
    expect(ctx.allowedHosts).toEqual(["api.example.com"]);
    const result = await TOOLS.knowledge_search.run({ query: "如何退款", limit: 3 }, ctx);
    expect(result.output).toMatchObject({ hits: [{ documentTitle: "退款说明" }] });
    expect((result.output as { hits: unknown[] }).hits).toHaveLength(1);
    expect(result.summary).toContain("退款说明");

    const all = await createToolContext(db.scopes, org.tenant.id, { collectionIds: [], signal });
    expect(((await TOOLS.knowledge_search.run({ query: "退款" }, all)).output as { hits: unknown[] }).hits).toHaveLength(2);
    expect((await TOOLS.knowledge_search.run({ query: "？？" }, all)).summary).toMatch(/No passage/);
    await expect(TOOLS.knowledge_search.run({ query: "x", limit: 99 }, all)).rejects.toMatchObject({ code: "invalid_arguments" });

    // Another tenant's context finds none of it.
    const other = await seedTenant(db);
    const theirs = await createToolContext(db.scopes, other.tenant.id, { signal });
    expect(theirs.allowedHosts).toEqual([]);
    expect(((await TOOLS.knowledge_search.run({ query: "退款" }, theirs)).output as { hits: unknown[] }).hits).toEqual([]);
  });
});
