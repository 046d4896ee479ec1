import { describe, expect, it } from "vitest";
import { CHUNK_MAX, chunkDocument } from "@/server/knowledge/chunk";
import { queryTerms, searchText, searchTokens } from "@/server/knowledge/tokenize";

describe("the shared tokeniser", () => {
  it("lower-cases words, drops punctuation, spells CJK runs as overlapping bigrams", () => {
    expect(searchTokens("Hello, World! How's it going?")).toEqual(["hello", "world", "how", "s", "it", "going"]);
    expect(searchTokens("如何退款？")).toEqual(["如何", "何退", "退款"]);
    expect(searchTokens("在 App 里退款")).toEqual(["在", "app", "里退", "退款"]);
    expect(searchText("ＡＢＣ１２３ abc123")).toBe("abc123 abc123");
    expect(searchTokens("カタカナ와한글")).toEqual(["カタ", "タカ", "カナ", "ナ와", "와한", "한글"]);
  });

  it("gives no terms for an empty or all-punctuation query", () => {
    expect(queryTerms("")).toEqual([]);
    expect(queryTerms("？！。…,,, --- ***")).toEqual([]);
    expect(queryTerms("refund refund REFUND")).toEqual(["refund"]);
  });
});

describe("chunking", () => {
  it("keeps Markdown headings as context and ignores # inside code fences", () => {
    const md = "# Help\n\n## Refunds\n\nAsk within 30 days.\n\n```sh\n# not a heading\n```\n\n## 退款\n\n如何退款？在订单页点击申请退款。";
    const chunks = chunkDocument(md, "text/markdown");
    expect(chunks).toHaveLength(2);
    expect(chunks[0]).toMatch(/^Help › Refunds\n\nAsk within 30 days\./);
    expect(chunks[0]).toContain("# not a heading");
    expect(chunks[1]).toBe("Help › 退款\n\n如何退款？在订单页点击申请退款。");
  });

  it("treats plain text's # as text", () => {
    expect(chunkDocument("# not a heading\nbody", "text/plain")).toEqual(["# not a heading\nbody"]);
  });

  it("splits long text on sentence boundaries (English and Chinese), with overlap, within the size bounds", () => {
    const english = Array.from({ length: 80 }, (_, i) => `Sentence number ${i} is about e.g. pricing 3.14 here.`).join(" ");
    const chunks = chunkDocument(english, "text/plain");
    expect(chunks.length).toBeGreaterThan(2);
    for (const c of chunks) {
      expect(c.length).toBeLessThanOrEqual(CHUNK_MAX);
      expect(c).toMatch(/^Sentence number \d+/);
      expect(c).toMatch(/here\.$/);
    }
    // Overlap: the next passage starts with the last sentences of the one before.
    const lastOfFirst = chunks[0]!.slice(chunks[0]!.lastIndexOf("Sentence number"));
    const firstOfSecond = /^Sentence number \d+ [^]*?here\./.exec(chunks[1]!)![0];
    expect(chunks[1]).toContain(lastOfFirst);
    expect(chunks[0]).toContain(firstOfSecond);

    const chinese = Array.from({ length: 120 }, (_, i) => `这是第${i}句话，讲的是退款政策！`).join("");
    const zh = chunkDocument(chinese, "text/plain");
    expect(zh.length).toBeGreaterThan(2);
    for (const c of zh) {
      expect(c.length).toBeLessThanOrEqual(CHUNK_MAX);
      expect(c).toMatch(/^这是第\d+句话/);
      expect(c).toMatch(/！$/);
    }
  });

  it("cuts a line with no sentence end hard at the maximum, losing nothing", () => {
    const blob = "x".repeat(3000);
    const chunks = chunkDocument(blob, "text/plain");
    expect(chunks.every((c) => c.length <= CHUNK_MAX)).toBe(true);
    expect(chunks.join("")).toBe(blob);
  });

  it("has nothing to index in whitespace", () => {
    expect(chunkDocument("  \n\n \t", "text/plain")).toEqual([]);
    expect(chunkDocument("#  Title only\n", "text/markdown")).toEqual([]);
  });
});

describe("stemming and highlighting", () => {
  it("folds plural endings the same way for index and query", () => {
    expect(searchTokens("Refunds policies passwords boxes glass status")).toEqual([
      "refund",
      "policy",
      "password",
      "boxe",
      "glass",
      "status",
    ]);
    expect(queryTerms("refund policy")).toEqual(["refund", "policy"]);
  });

  it("marks the query's words (by stem) and CJK terms in the original text", async () => {
    const { highlight } = await import("@/server/knowledge/highlight");
    const s = highlight("Refunds are paid within 3 days. 退款政策：30 天内可退款。", "refund 退款");
    expect(s.parts.filter((p) => p.match).map((p) => p.text)).toEqual(["Refunds", "退款", "退款"]);
    expect(s.parts.map((p) => p.text).join("")).toBe("Refunds are paid within 3 days. 退款政策：30 天内可退款。");
    const long = `${"intro words ".repeat(60)}the refund clause ${"outro words ".repeat(60)}`;
    const w = highlight(long, "refund");
    expect(w.cutStart && w.cutEnd).toBe(true);
    expect(w.parts.some((p) => p.match && p.text === "refund")).toBe(true);
    expect(highlight("abc", "???").parts).toEqual([{ text: "abc", match: false }]);
  });
});
