import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { searchKnowledge } from "@/server/knowledge/search";
import { createPostgresTestDatabase, type TestDatabase } from "../support/databases";
import { addMember, asSystem, callerFor, seedTenant } from "../support/callers";
import { auditRows, countRows, failure, issuePaths } from "../support/failures";
import { createApiKeyFor } from "./support";

const FAQ_ZH = `# 常见问题

## 退款政策

如果您对购买的商品不满意，可以在收货后 30 天内申请退款。退款会在 3 个工作日内原路退回您的支付账户。

## 配送时间

我们通常在下单后 48 小时内发货。偏远地区的配送时间可能更长。

## 账户注册

注册账户只需要手机号码。请输入验证码完成注册。`;

const GUIDE_EN = `# Customer guide

## Returns

You can return any item within 30 days of delivery. Refunds are paid to the original card within 3 business days.

## Shipping

Orders ship within 48 hours. International shipping takes 5 to 10 days.

## Passwords

To reset your password, open Settings and choose "Forgot password". The link expires after one hour.`;

describe("knowledge base", () => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createPostgresTestDatabase({ max: 4 });
  });
  afterAll(async () => {
    await db.drop();
  });

  async function seeded() {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const help = await owner.knowledge.createCollection({ name: "Help centre", description: "FAQ" });
    const zh = await owner.knowledge.addDocument({ collectionId: help.id, title: "常见问题", content: FAQ_ZH, mimeType: "text/markdown" });
    const en = await owner.knowledge.addDocument({
      collectionId: help.id,
      title: "Customer guide",
      content: GUIDE_EN,
      mimeType: "text/markdown",
    });
    return { org, owner, help, zh, en };
  }

  it("indexes a Markdown document into passages with their headings, counted on the collection", async () => {
    const { owner, help, zh, en } = await seeded();
    expect(zh).toMatchObject({ title: "常见问题", mimeType: "text/markdown", source: "paste", chunkCount: 3 });
    expect(en.chunkCount).toBe(3);
    expect(zh.bytes).toBe(Buffer.byteLength(FAQ_ZH));
    const collection = await owner.knowledge.getCollection({ id: help.id });
    expect(collection).toMatchObject({ documentCount: 2, chunkCount: 6 });
    const listed = await owner.knowledge.listCollections({});
    expect(listed.items.map((c) => c.id)).toEqual([help.id]);
    expect(listed.items[0]).toMatchObject({ documentCount: 2, chunkCount: 6 });
    const detail = await owner.knowledge.getDocument({ id: zh.id });
    expect(detail.collectionName).toBe("Help centre");
    expect(detail.content).toBe(FAQ_ZH);
    expect(detail.chunks.map((c) => c.content.split("\n")[0])).toEqual([
      "常见问题 › 退款政策",
      "常见问题 › 配送时间",
      "常见问题 › 账户注册",
    ]);
    const docs = await owner.knowledge.listDocuments({ collectionId: help.id });
    expect(docs.items.map((d) => d.id)).toEqual([en.id, zh.id]);
  });

  it("finds the right passage for Chinese and English questions, best first", async () => {
    const { owner } = await seeded();
    const refund = await owner.knowledge.search({ q: "如何退款" });
    expect(refund.hits[0]!.content).toContain("退款政策");
    expect(refund.hits[0]!.documentTitle).toBe("常见问题");
    expect(refund.hits[0]!.collectionName).toBe("Help centre");
    // The snippet marks the query's words in the original text.
    expect(refund.hits[0]!.snippet.parts.filter((p) => p.match).map((p) => p.text)).toContain("退款");

    const shipping = await owner.knowledge.search({ q: "发货要多久？" });
    expect(shipping.hits[0]!.content).toContain("配送时间");

    const password = await owner.knowledge.search({ q: "How do I reset my password?" });
    expect(password.hits[0]!.content).toContain("Forgot password");
    expect(password.hits[0]!.snippet.parts.filter((p) => p.match).map((p) => p.text.toLowerCase())).toEqual(
      expect.arrayContaining(["reset", "password"]),
    );
    const ranks = password.hits.map((h) => h.rank);
    expect([...ranks].sort((a, b) => b - a)).toEqual(ranks);

    // Case and full-width forms fold: ＲＥＦＵＮＤＳ is "refunds".
    const wide = await owner.knowledge.search({ q: "ＲＥＦＵＮＤＳ" });
    expect(wide.hits[0]!.content).toContain("Refunds are paid");
  });

  it("ranks a passage that matches a rare word over one that matches only common ones", async () => {
    const org = await seedTenant(db);
    const owner = org.as(org.owner);
    const c = await owner.knowledge.createCollection({ name: "Ranking" });
    const filler = Array.from({ length: 6 }, (_, i) => `## Q${i}\n\nHow do I do thing ${i}? You do it in the app.`).join("\n\n");
    await owner.knowledge.addDocument({ collectionId: c.id, title: "Filler", content: filler, mimeType: "text/markdown" });
    await owner.knowledge.addDocument({
      collectionId: c.id,
      title: "Invoices",
      content: "Invoices are e-mailed monthly.",
      mimeType: "text/plain",
    });
    const hits = (await owner.knowledge.search({ q: "how do I get my invoices" })).hits;
    expect(hits[0]!.documentTitle).toBe("Invoices");
    expect(hits.length).toBeGreaterThan(1);
  });

  it("returns nothing, without error, for empty and all-punctuation queries", async () => {
    const { owner } = await seeded();
    for (const q of ["", "   ", "？！。", "!!! ??? ...", "'\"&|!():*<>\\"]) {
      expect((await owner.knowledge.search({ q })).hits, JSON.stringify(q)).toEqual([]);
    }
    // tsquery syntax in a query is just words.
    expect((await owner.knowledge.search({ q: "refund & !password | (x:*" })).hits.length).toBeGreaterThan(0);
  });

  it("filters by collection", async () => {
    const { org, owner, help } = await seeded();
    const other = await owner.knowledge.createCollection({ name: "Internal" });
    await owner.knowledge.addDocument({
      collectionId: other.id,
      title: "内部退款流程",
      content: "财务部门每周处理一次退款审核。",
      mimeType: "text/plain",
    });
    const all = await owner.knowledge.search({ q: "退款" });
    expect(new Set(all.hits.map((h) => h.collectionId))).toEqual(new Set([help.id, other.id]));
    const only = await owner.knowledge.search({ q: "退款", collectionId: other.id });
    expect(only.hits.map((h) => h.documentTitle)).toEqual(["内部退款流程"]);
    // The domain function the runs engine calls, with several collections.
    const hits = await asSystem(db, org.tenant.id, (ctx) => searchKnowledge(ctx, { query: "退款", collectionIds: [help.id], limit: 1 }));
    expect(hits).toHaveLength(1);
    expect(hits[0]).toMatchObject({ collectionId: help.id, documentTitle: "常见问题" });
    expect(Object.keys(hits[0]!).sort()).toEqual(["chunkId", "collectionId", "content", "documentId", "documentTitle", "rank"]);
  });

  it("never searches, reads or changes another tenant's knowledge", async () => {
    const a = await seeded();
    const b = await seedTenant(db);
    const bOwner = b.as(b.owner);
    expect((await bOwner.knowledge.search({ q: "如何退款" })).hits).toEqual([]);
    expect((await bOwner.knowledge.search({ q: "退款", collectionId: a.help.id })).hits).toEqual([]);
    expect((await bOwner.knowledge.listCollections({})).items).toEqual([]);
    // Thunks: each call starts only when awaited (an array of started promises rejects unhandled).
    for (const call of [
      () => bOwner.knowledge.getCollection({ id: a.help.id }),
      () => bOwner.knowledge.getDocument({ id: a.zh.id }),
      () => bOwner.knowledge.listDocuments({ collectionId: a.help.id }),
      () => bOwner.knowledge.addDocument({ collectionId: a.help.id, title: "x", content: "x" }),
      () => bOwner.knowledge.deleteDocument({ id: a.zh.id }),
      () => bOwner.knowledge.renameCollection({ id: a.help.id, name: "Mine" }),
      () => bOwner.knowledge.deleteCollection({ id: a.help.id, confirmName: "Help centre" }),
    ]) {
      expect((await failure(call())).code).toBe("NOT_FOUND");
    }
    const hits = await asSystem(db, b.tenant.id, (ctx) => searchKnowledge(ctx, { query: "退款 refund" }));
    expect(hits).toEqual([]);
    expect(await countRows(db, "knowledge_chunks", a.org.tenant.id)).toBe(6);
  });

  it("writes a document and its chunks in one transaction: a failure leaves nothing", async () => {
    const { org, owner, help } = await seeded();
    const before = {
      docs: await countRows(db, "knowledge_documents", org.tenant.id),
      chunks: await countRows(db, "knowledge_chunks", org.tenant.id),
      audit: await countRows(db, "audit_log", org.tenant.id),
    };
    // A real database failure after the document row and some chunks are written.
    await db.ownerSql(`create or replace function boom() returns trigger language plpgsql as $$
      begin if new.content like '%EXPLODE%' then raise exception 'boom'; end if; return new; end $$`);
    await db.ownerSql("create trigger boom before insert on knowledge_chunks for each row execute function boom()");
    try {
      const content = `${"Harmless sentence here. ".repeat(200)}\n\n${"EXPLODE now. ".repeat(10)}`;
      const f = await failure(owner.knowledge.addDocument({ collectionId: help.id, title: "Half", content }));
      expect(f.code).toBe("INTERNAL_SERVER_ERROR");
    } finally {
      await db.ownerSql("drop trigger boom on knowledge_chunks");
    }
    expect(await countRows(db, "knowledge_documents", org.tenant.id)).toBe(before.docs);
    expect(await countRows(db, "knowledge_chunks", org.tenant.id)).toBe(before.chunks);
    expect(await countRows(db, "audit_log", org.tenant.id)).toBe(before.audit);
  });

  it("refuses bad input clearly and writes nothing", async () => {
    const { org, owner, help } = await seeded();
    const count = () => countRows(db, "knowledge_documents", org.tenant.id);
    const before = await count();
    const big = await failure(
      owner.knowledge.addDocument({ collectionId: help.id, title: "Big", content: "a".repeat(2 * 1024 * 1024 + 1) }),
    );
    expect(big.httpStatus).toBe(413);
    expect(big.error.code).toBe("document_too_large");
    const empty = await failure(owner.knowledge.addDocument({ collectionId: help.id, title: "Empty", content: " \n\t " }));
    expect([empty.httpStatus, empty.error.code]).toEqual([400, "document_empty"]);
    const nul = await failure(owner.knowledge.addDocument({ collectionId: help.id, title: "Nul", content: "a\u0000b" }));
    expect(issuePaths(nul)).toContain("content");
    const untitled = await failure(owner.knowledge.addDocument({ collectionId: help.id, title: " ", content: "text" }));
    expect(issuePaths(untitled)).toContain("title");
    const pdf = await failure(
      owner.knowledge.addDocument({ collectionId: help.id, title: "x", content: "x", mimeType: "application/msword" as never }),
    );
    expect(issuePaths(pdf)).toContain("mimeType");
    expect(await count()).toBe(before);
    const noName = await failure(owner.knowledge.createCollection({ name: "" }));
    expect(issuePaths(noName)).toContain("name");
  });

  it("renames, deletes with the typed name (cascading), and audits every change", async () => {
    const { org, owner, help, zh } = await seeded();
    await owner.knowledge.renameCollection({ id: help.id, name: "Support" });
    await owner.knowledge.deleteDocument({ id: zh.id });
    expect(await countRows(db, "knowledge_chunks", org.tenant.id)).toBe(3);
    const mismatch = await failure(owner.knowledge.deleteCollection({ id: help.id, confirmName: "Help centre" }));
    expect([mismatch.httpStatus, mismatch.error.code]).toEqual([400, "confirmation_mismatch"]);
    expect(await owner.knowledge.deleteCollection({ id: help.id, confirmName: "Support" })).toEqual({
      deleted: true,
      documents: 1,
      chunks: 3,
    });
    for (const table of ["knowledge_collections", "knowledge_documents", "knowledge_chunks"]) {
      expect(await countRows(db, table, org.tenant.id), table).toBe(0);
    }
    const rows = (await auditRows(db, org.tenant.id)).filter((r) => r.action.startsWith("knowledge."));
    expect(rows.map((r) => r.action)).toEqual([
      "knowledge.collection_created",
      "knowledge.document_added",
      "knowledge.document_added",
      "knowledge.collection_renamed",
      "knowledge.document_deleted",
      "knowledge.collection_deleted",
    ]);
    expect(rows[1]).toMatchObject({ target_type: "knowledge_document", target_id: zh.id, personal: { title: "常见问题" } });
    expect(rows[1]!.diff).toMatchObject({ collectionId: help.id, source: "paste", mimeType: "text/markdown", chunks: 3 });
    expect(rows[3]!.personal).toEqual({ name: { from: "Help centre", to: "Support" } });
    expect(rows[5]!.diff).toEqual({ documents: 1, chunks: 3 });
    // Titles and names are personal (erasable), never among the hashed facts.
    for (const r of rows) expect(JSON.stringify(r.diff)).not.toMatch(/常见问题|Help centre|Support/);
  });

  it("lets a viewer read and search but not write; an API key needs knowledge scopes", async () => {
    const { org, help } = await seeded();
    const viewer = await addMember(db, org, "viewer");
    const asViewer = org.as(viewer);
    expect((await asViewer.knowledge.search({ q: "退款" })).hits.length).toBeGreaterThan(0);
    expect((await failure(asViewer.knowledge.createCollection({ name: "Nope" }))).code).toBe("FORBIDDEN");
    expect((await failure(asViewer.knowledge.deleteCollection({ id: help.id, confirmName: "Help centre" }))).code).toBe("FORBIDDEN");
    const readKey = await createApiKeyFor(org, ["knowledge:read"]);
    const api = callerFor(db, { apiKey: readKey });
    expect((await api.knowledge.search({ q: "refund" })).hits.length).toBeGreaterThan(0);
    expect((await failure(api.knowledge.addDocument({ collectionId: help.id, title: "x", content: "x" }))).code).toBe("FORBIDDEN");
  });
});
