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
    // Overlap: the last sentence of one passage starts the next.
    const lastOfFirst = chunks[0]!.slice(chunks[0]!.lastIndexOf("Sentence number"));
    expect(chunks[1]!.startsWith(lastOfFirst)).toBe(true);

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
