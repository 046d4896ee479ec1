import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { providerFor, type LocalContext } from "@/server/agents/providers";
import { addDocument } from "@/server/knowledge/add-document";
import { createCollection } from "@/server/knowledge/create-collection";
import { searchKnowledge } from "@/server/knowledge/search";
import { asSystem, seedTenant } from "../support/callers";
import { createPgliteTestDatabase, type TestDatabase } from "../support/databases";
import { collect } from "./helpers";

/**
 * The `local` provider over the real knowledge search (Postgres full-text, CJK bigrams): the
 * customer-service template's question-answering, end to end but for the run engine.
 */
const DOCS = [
  {
    title: "Returns policy",
    content: `# Returns policy

You can return any item within 30 days of delivery for a full refund. Items must be unused and in their original packaging.

## How to return an item
Open Orders in your account, choose the order and click Return item. Print the prepaid label and drop the parcel at any post office. Refunds reach your original payment method within 5 business days of us receiving the parcel.`,
  },
  {
    title: "Shipping",
    content: `Standard shipping takes 3 to 5 business days and is free on orders over $50. Express shipping takes 1 business day and costs $15. We ship to the EU, the UK and the US.`,
  },
  {
    title: "Account help",
    content: `To reset your password, click Forgot password on the sign-in page and follow the link we e-mail you. The link expires after one hour. To change your e-mail address, open Settings and choose Profile.`,
  },
  {
    title: "退换货政策",
    content: `自签收之日起三十天内，您可以申请退货并获得全额退款。商品须未使用且保留原包装。退款将在收到退货后五个工作日内退回原支付方式。`,
  },
];

describe("local provider over the tenant's knowledge base", () => {
  let db: TestDatabase;
  let context: LocalContext;
  beforeAll(async () => {
    db = await createPgliteTestDatabase();
    const org = await seedTenant(db);
    const tenantId = org.tenant.id;
    await asSystem(
      db,
      tenantId,
      async (ctx) => {
        const collection = await createCollection(ctx, { name: "Help centre", description: "" });
        for (const doc of DOCS) {
          await addDocument(ctx, {
            collectionId: collection.id,
            title: doc.title,
            content: doc.content,
            mimeType: "text/markdown",
            source: "paste",
          });
        }
      },
      "knowledge:write",
    );
    context = { search: (query, limit) => asSystem(db, tenantId, (ctx) => searchKnowledge(ctx, { query, limit }), "knowledge:read") };
  });
  afterAll(() => db?.drop());

  const ask = async (question: string) =>
    (
      await collect(providerFor({ provider: "local", localContext: context }), {
        messages: [{ role: "user", content: question }],
        maxTokens: 1024,
      })
    ).text;

  it("answers how-to, policy and shipping questions from the right document, citing it", async () => {
    const returns = await ask("How do I return an item?");
    expect(returns).toMatch(/^Here is how to do it/);
    expect(returns).toContain("- Open Orders in your account, choose the order and click Return item. [1]");
    // The heading path the knowledge base prefixes to a section's passages is context, not a quote.
    expect(returns).not.toContain("›");
    expect(returns).toMatch(/\[1\] Returns policy/);

    const refund = await ask("Can I get a refund after three weeks?");
    expect(refund).toMatch(/^About billing and refunds/);
    expect(refund).toContain("within 30 days of delivery for a full refund");
    expect(refund).toContain("Returns policy");

    const shipping = await ask("How long does express shipping take?");
    expect(shipping).toContain("Express shipping takes 1 business day");
    expect(shipping).toMatch(/\[1\] Shipping/);

    const password = await ask("I forgot my password, what do I do?");
    expect(password).toContain("To reset your password, click Forgot password");
    expect(password).toMatch(/\[1\] Account help/);
  });

  it("answers in Chinese from the Chinese document", async () => {
    const answer = await ask("退货多久可以拿到退款？");
    expect(answer).toContain("退款将在收到退货后五个工作日内退回原支付方式");
    expect(answer).toContain("[1] 退换货政策");
  });

  it("says it found nothing rather than answer from an unrelated passage", async () => {
    const answer = await ask("Do you sell gift cards for birthdays?");
    expect(answer).toMatch(/could not find anything about that in the knowledge base/);
  });

  it("answers within a few milliseconds (search included)", async () => {
    await ask("How do I return an item?");
    const started = performance.now();
    for (let i = 0; i < 20; i++) await ask("How long does standard shipping take?");
    const perAnswer = (performance.now() - started) / 20;
    expect(perAnswer).toBeLessThan(100);
    console.log(`local provider on PGlite: ${perAnswer.toFixed(1)} ms per answer (two searches at most)`);
  });
});
