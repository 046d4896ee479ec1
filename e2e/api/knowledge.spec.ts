/**
 * The knowledge base over REST with an API key: create a collection, add a document as JSON,
 * search (English and Chinese) — and the bad inputs: an oversized document (413), an empty one,
 * another organisation's collection (404), a key without knowledge:write (403). The allow-list
 * of http_request over REST too.
 */
import { expect, test } from "../support/fixtures";
import { bearer, expectError, expectOk } from "../support/http";

type Collection = { id: string; name: string; documentCount: number; chunkCount: number };
type Hit = { documentTitle: string; collectionName: string; content: string; snippet: { parts: { text: string; match: boolean }[] } };

test("collections, documents and search over REST", async ({ request, seed }) => {
  const org = await seed.tenantWithKey({ scopes: ["knowledge:*", "guard:*"] });
  const auth = { headers: bearer(org.key.secret) };

  const collection = await expectOk<Collection>(await request.post("/api/v1/knowledge/collections", { ...auth, data: { name: "FAQ" } }));
  const doc = await expectOk<{ id: string; chunkCount: number; source: string }>(
    await request.post("/api/v1/knowledge/documents", {
      ...auth,
      data: {
        collectionId: collection.id,
        title: "退款",
        content: "## 退款政策\n\n收货后 30 天内可申请退款。\n\n## Refunds\n\nRefunds are paid within 3 days.",
        mimeType: "text/markdown",
      },
    }),
  );
  expect(doc).toMatchObject({ chunkCount: 2, source: "paste" });

  const zh = await expectOk<{ hits: Hit[] }>(await request.get(`/api/v1/knowledge/search?q=${encodeURIComponent("如何退款")}`, auth));
  expect(zh.hits[0]).toMatchObject({ documentTitle: "退款", collectionName: "FAQ" });
  expect(zh.hits[0]!.content).toContain("退款政策");
  const en = await expectOk<{ hits: Hit[] }>(
    await request.get(`/api/v1/knowledge/search?q=refund&collectionId=${collection.id}&limit=1`, auth),
  );
  expect(en.hits).toHaveLength(1);
  expect(en.hits[0]!.snippet.parts.find((p) => p.match)?.text).toBe("Refunds");
  const none = await expectOk<{ hits: Hit[] }>(await request.get(`/api/v1/knowledge/search?q=${encodeURIComponent("？！")}`, auth));
  expect(none.hits).toEqual([]);

  const docs = await expectOk<{ items: { id: string }[] }>(
    await request.get(`/api/v1/knowledge/documents?collectionId=${collection.id}`, auth),
  );
  expect(docs.items.map((d) => d.id)).toEqual([doc.id]);
  const listed = await expectOk<{ items: Collection[] }>(await request.get("/api/v1/knowledge/collections", auth));
  expect(listed.items).toEqual([expect.objectContaining({ id: collection.id, documentCount: 1, chunkCount: 2 })]);

  // Bad input: oversized (the API door's own 1 MB body limit answers first), empty, unknown collection.
  await expectError(
    await request.post("/api/v1/knowledge/documents", {
      ...auth,
      data: {
        collectionId: collection.id,
        title: "big",
        content: "a".repeat(1_100_000),
      },
    }),
    413,
  );
  await expectError(
    await request.post("/api/v1/knowledge/documents", { ...auth, data: { collectionId: collection.id, title: "empty", content: "   " } }),
    400,
    "document_empty",
  );
  const other = await seed.tenantWithKey({ scopes: ["knowledge:*"] });
  await expectError(
    await request.post("/api/v1/knowledge/documents", {
      headers: bearer(other.key.secret),
      data: { collectionId: collection.id, title: "x", content: "x" },
    }),
    404,
  );
  expect(
    (await expectOk<{ hits: Hit[] }>(await request.get("/api/v1/knowledge/search?q=refund", { headers: bearer(other.key.secret) }))).hits,
  ).toEqual([]);
  const reader = await seed.key(org, org.owner, ["knowledge:read"]);
  await expectError(await request.post("/api/v1/knowledge/collections", { headers: bearer(reader.secret), data: { name: "x" } }), 403);

  // The allow-list.
  const host = await expectOk<{ id: string; host: string }>(
    await request.post("/api/v1/tools/allowed-hosts", { ...auth, data: { host: "API.Example.com" } }),
  );
  expect(host.host).toBe("api.example.com");
  await expectError(
    await request.post("/api/v1/tools/allowed-hosts", { ...auth, data: { host: "http://10.0.0.1/" } }),
    400,
    "invalid_host",
  );
  await expectOk(await request.delete(`/api/v1/tools/allowed-hosts/${host.id}`, auth));

  // Deleting the collection needs its name typed back (a query parameter, as DELETE has no body), then takes the documents with it.
  await expectError(
    await request.delete(`/api/v1/knowledge/collections/${collection.id}?confirmName=nope`, auth),
    400,
    "confirmation_mismatch",
  );
  expect(await expectOk(await request.delete(`/api/v1/knowledge/collections/${collection.id}?confirmName=FAQ`, auth))).toEqual({
    deleted: true,
    documents: 1,
    chunks: 2,
  });
  await expectError(await request.get(`/api/v1/knowledge/documents/${doc.id}`, auth), 404);
});
