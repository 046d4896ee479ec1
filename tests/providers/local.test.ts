import { describe, expect, it } from "vitest";
import { costMicros, priceOf, providerFor, type LocalHit } from "@/server/agents/providers";
import { classifyIntent } from "@/server/agents/providers/local-intent";
import { approxTokens } from "@/server/agents/providers/tokens";
import { collect } from "./helpers";

/** A tiny in-memory knowledge base with the search shape the runs engine supplies (word match, OR). */
const DOCS = [
  {
    documentId: "d-refund",
    documentTitle: "Refund policy",
    content:
      "We offer a full refund within 30 days of purchase. To request a refund, email billing@example.com with your order number. Refunds are paid to the original payment method within 5 business days.",
  },
  {
    documentId: "d-password",
    documentTitle: "Account help",
    content:
      "Our office is open Monday to Friday. To reset your password, open Settings, choose Security and click Reset password. A reset link is sent to your e-mail address.",
  },
  {
    documentId: "d-zh",
    documentTitle: "退款说明",
    content: "购买后三十天内可以申请全额退款。请联系客服并提供订单号。退款将在五个工作日内退回原支付方式。",
  },
];

function knowledge(docs = DOCS) {
  const queries: string[] = [];
  return {
    queries,
    search: async (query: string, limit: number): Promise<LocalHit[]> => {
      queries.push(query);
      const terms = query.toLowerCase().match(/[a-z]{3,}|[\u4e00-\u9fff]{2}/g) ?? [];
      return docs
        .map((d, i) => ({ d, i, score: terms.filter((t) => d.content.toLowerCase().includes(t)).length }))
        .filter((x) => x.score > 0)
        .sort((a, b) => b.score - a.score)
        .slice(0, limit)
        .map(({ d, i, score }) => ({
          chunkId: `c${i}`,
          documentId: d.documentId,
          documentTitle: d.documentTitle,
          content: d.content,
          rank: score,
        }));
    },
  };
}

const ask = (content: string, kb = knowledge(), maxTokens = 1024) =>
  collect(providerFor({ provider: "local", localContext: kb }), { model: "local", messages: [{ role: "user", content }], maxTokens });

describe("local provider", () => {
  it("classifies intents in English and Chinese", () => {
    const cases: [string, string][] = [
      ["Hi there!", "greeting"],
      ["你好", "greeting"],
      ["What are your opening hours?", "question"],
      ["营业时间是什么？", "question"],
      ["How do I reset my password?", "how_to"],
      ["如何重置密码", "how_to"],
      ["This is terrible, the app doesn't work at all", "complaint"],
      ["太差了，我要投诉", "complaint"],
      ["I want a refund for my order", "refund_billing"],
      ["How do I get my money back?", "refund_billing"],
      ["我想申请退款", "refund_billing"],
      ["Thanks a lot!", "thanks"],
      ["谢谢", "thanks"],
      ["Blue elephants", "other"],
    ];
    for (const [text, intent] of cases) expect(classifyIntent(text), text).toBe(intent);
  });

  it("answers a how-to question from the right passage and cites the document", async () => {
    const result = await ask("How do I reset my password?");
    expect(result.error).toBeNull();
    expect(result.text).toContain("To reset your password, open Settings, choose Security and click Reset password. [1]");
    expect(result.text).toContain("[1] Account help");
    expect(result.text).not.toContain("office is open");
    expect(result.text).not.toContain("Refund policy");
    expect(result.done?.finishReason).toBe("stop");
  });

  it("answers a refund question with the policy, in Chinese when asked in Chinese", async () => {
    const en = await ask("Can I get a refund after two weeks?");
    expect(en.text).toMatch(/^About billing and refunds/);
    expect(en.text).toContain("full refund within 30 days of purchase. [1]");
    expect(en.text).toContain("[1] Refund policy");
    const zh = await ask("我想申请退款，怎么办？");
    expect(zh.text).toContain("关于账单和退款");
    expect(zh.text).toContain("购买后三十天内可以申请全额退款。 [1]");
    expect(zh.text).toContain("来源：\n[1] 退款说明");
  });

  it("says clearly when nothing relevant was found, and invents nothing", async () => {
    const result = await ask("What is the airspeed velocity of an unladen swallow?");
    expect(result.text).toMatch(/could not find anything about that in the knowledge base/);
    expect(result.text).not.toMatch(/\[1\]/);
    const none = await collect(providerFor({ provider: "local" }), { messages: [{ role: "user", content: "Where is my parcel?" }] });
    expect(none.text).toMatch(/could not find anything/);
  });

  it("greets and thanks without searching", async () => {
    const kb = knowledge();
    expect((await ask("Hello!", kb)).text).toMatch(/^Hello! I'm here to help/);
    expect((await ask("谢谢", kb)).text).toBe("不客气！还有什么可以帮您的吗？");
    expect(kb.queries).toEqual([]);
  });

  it("retries with the question's keywords when the whole sentence finds nothing", async () => {
    let calls = 0;
    const strict = {
      search: async (query: string, limit: number) => {
        calls++;
        // Every word required, like a strict full-text query: the sentence fails, its keywords match.
        return query.includes("?") ? [] : knowledge().search(query, limit);
      },
    };
    const result = await ask("How do I reset my password?", strict as ReturnType<typeof knowledge>);
    expect(calls).toBe(2);
    expect(result.text).toContain("[1] Account help");
  });

  it("is deterministic, streams word-sized chunks, and counts tokens approximately", async () => {
    const a = await ask("How do I reset my password?");
    const b = await ask("How do I reset my password?");
    expect(a.events).toEqual(b.events);
    const deltas = a.events.flatMap((e) => (e.type === "text" ? [e.delta] : []));
    expect(deltas.length).toBeGreaterThan(10);
    for (const d of deltas) expect(d.trim().split(/\s+/).length).toBeLessThanOrEqual(1);
    expect(a.done?.usage.outputTokens).toBe(approxTokens(a.text));
    expect(a.done?.usage.inputTokens).toBeGreaterThan(0);
    expect(approxTokens("你好世界")).toBe(4);
    expect(approxTokens("abcdefgh")).toBe(2);
  });

  it("stops at max tokens and says so", async () => {
    const result = await ask("How do I reset my password?", knowledge(), 5);
    expect(result.text.length).toBeLessThanOrEqual(20);
    expect(result.done?.finishReason).toBe("length");
  });

  it("stops when the caller aborts", async () => {
    const controller = new AbortController();
    controller.abort(new Error("gone"));
    const result = await collect(providerFor({ provider: "local", localContext: knowledge() }), { signal: controller.signal });
    expect((result.error as Error).message).toBe("gone");
  });
});

describe("prices", () => {
  it("costs in micro-USD by the longest model prefix; local is free and unknown models are unpriced", () => {
    expect(costMicros("openai", "gpt-4o-mini", { inputTokens: 1_000_000, outputTokens: 0 })).toBe(150_000);
    expect(costMicros("openai", "gpt-4o-mini-2024-07-18", { inputTokens: 1000, outputTokens: 1000 })).toBe(150 + 600);
    expect(costMicros("openai", "gpt-4o", { inputTokens: 1000, outputTokens: 1000 })).toBe(2500 + 10_000);
    expect(costMicros("anthropic", "claude-sonnet-4-5-20250929", { inputTokens: 100, outputTokens: 10 })).toBe(300 + 150);
    expect(costMicros("local", "anything", { inputTokens: 10_000, outputTokens: 10_000 })).toBe(0);
    expect(priceOf("openai", "llama3.1:8b")).toBeNull();
    expect(costMicros("openai", "llama3.1:8b", { inputTokens: 10, outputTokens: 10 })).toBe(0);
  });

  it("refuses an unknown provider with a clear error", () => {
    expect(() => providerFor({ provider: "gemini" })).toThrow(/Unknown provider "gemini"/);
  });
});
