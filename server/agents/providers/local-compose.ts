import type { Intent } from "./local-intent";
import type { LocalHit } from "./types";

/**
 * The `local` provider's answer from what retrieval found: the sentences of the best passages
 * that share the most terms with the question, each marked with the number of the document it
 * came from, then the list of those documents. Pure: the same hits give the same answer.
 */

const STOPWORDS = new Set(
  "a an the and or but if of to in on at for from by with about as is are was were be been being do does did have has had i me my we our you your it its this that these those what when where who why which how can could should would will shall may might must please there their them they not no yes so than then too very just also any some into out up down over under again more most other such only own same".split(
    " ",
  ),
);

/** Terms to match sentences on: content words, and for Chinese, character pairs. */
export function queryTerms(text: string): string[] {
  const lower = text.toLowerCase();
  const words = (lower.match(/[a-z0-9][a-z0-9'-]*/g) ?? []).filter((w) => w.length > 2 && !STOPWORDS.has(w)).map(stem);
  const bigrams: string[] = [];
  for (const run of lower.match(/[\u4e00-\u9fff]+/g) ?? []) {
    if (run.length === 1) bigrams.push(run);
    for (let i = 0; i + 1 < run.length; i++) bigrams.push(run.slice(i, i + 2));
  }
  return [...new Set([...words, ...bigrams])];
}

/** A crude English stem, enough that "refunds" meets "refund" and "resetting" meets "reset". */
function stem(word: string): string {
  return word.replace(/(ing|ed|es|s)$/, "").replace(/(.)\1$/, "$1") || word;
}

export function keywordQuery(text: string): string {
  const lower = text.toLowerCase();
  const words = (lower.match(/[a-z0-9][a-z0-9'-]*/g) ?? []).filter((w) => w.length > 2 && !STOPWORDS.has(w));
  const chinese = (lower.match(/[\u4e00-\u9fff]+/g) ?? []).map((run) =>
    run.replace(/^(请问|我想|我要|如何|怎么|怎样)|(吗|呢|吧|啊)$/g, ""),
  );
  return [...words, ...chinese].filter(Boolean).join(" ");
}

/**
 * A passage's sentences. Lines are split first: the knowledge base starts each passage of a
 * Markdown section with its heading path ("Returns policy › How to return"), which is context for
 * search, not a sentence to quote; such a line (no closing punctuation) is dropped, as are other
 * bare headings. List items are kept.
 */
function sentences(content: string): string[] {
  const out: string[] = [];
  for (const raw of content.split(/\n+/)) {
    const line = raw.replace(/^#+\s*/, "").trim();
    if (!line) continue;
    const bullet = /^([-*•]|\d+[.)])\s+/.test(line);
    const closed = /[.!?。！？:：)）"”]$/.test(line);
    if (!bullet && !closed && (line.includes(" › ") || line.length < 60)) continue;
    const text = line.replace(/^([-*•]|\d+[.)])\s+/, "");
    for (const sentence of text.match(/[^.!?。！？]+[.!?。！？]*/g) ?? []) {
      const trimmed = sentence.trim();
      if (trimmed.length > 1) out.push(trimmed);
    }
  }
  return out;
}

function overlap(sentence: string, terms: string[]): number {
  if (terms.length === 0) return 0;
  const have = new Set(queryTerms(sentence));
  return terms.filter((t) => have.has(t)).length;
}

export type Passage = { text: string; source: number };
export type Composed = { passages: Passage[]; sources: { documentId: string; title: string }[] };

const MAX_PASSAGES = 3;
const MAX_PASSAGE_CHARS = 400;

/** The best sentences from the best hits, and the documents they cite (numbered from 1). */
export function pickPassages(question: string, hits: LocalHit[]): Composed {
  const terms = queryTerms(question);
  const ranked = [...hits].sort((a, b) => b.rank - a.rank);
  const candidates: { text: string; score: number; hit: LocalHit; order: number }[] = [];
  ranked.forEach((hit, hitIndex) => {
    const list = sentences(hit.content);
    list.forEach((text, i) => {
      // The hit's own rank orders ties; an earlier sentence of the same passage breaks the rest.
      candidates.push({ text, score: overlap(text, terms) * 10 - hitIndex * 2 - i * 0.01, hit, order: hitIndex * 1000 + i });
    });
  });
  // Only sentences that share a term with the question: a hit that matched on a stray word
  // (the search may OR its terms) must not turn into a confident, irrelevant answer.
  const chosen = candidates
    .filter((c) => overlap(c.text, terms) > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, MAX_PASSAGES)
    .sort((a, b) => a.order - b.order);
  const sources: Composed["sources"] = [];
  const passages = chosen.map((c) => {
    let source = sources.findIndex((s) => s.documentId === c.hit.documentId);
    if (source === -1) source = sources.push({ documentId: c.hit.documentId, title: c.hit.documentTitle }) - 1;
    const text = c.text.length > MAX_PASSAGE_CHARS ? `${c.text.slice(0, MAX_PASSAGE_CHARS)}…` : c.text;
    return { text, source: source + 1 };
  });
  return { passages, sources };
}

const LEAD: Record<"en" | "zh", Record<Intent, string>> = {
  en: {
    greeting: "Hello! I'm here to help. Ask me anything about our products and services.",
    thanks: "You're welcome! Is there anything else I can help you with?",
    how_to: "Here is how to do it, according to our documentation:",
    question: "Here is what I found:",
    other: "Here is what I found that may help:",
    complaint: "I'm sorry for the trouble. Here is what our documentation says that may help:",
    refund_billing: "About billing and refunds, here is what our policy says:",
  },
  zh: {
    greeting: "您好！我可以为您解答有关我们产品和服务的问题。",
    thanks: "不客气！还有什么可以帮您的吗？",
    how_to: "根据我们的文档，操作方法如下：",
    question: "我找到了以下信息：",
    other: "以下信息可能对您有帮助：",
    complaint: "给您带来不便，非常抱歉。以下是文档中可能对您有帮助的内容：",
    refund_billing: "关于账单和退款，我们的政策是这样规定的：",
  },
};

const NOTHING: Record<"en" | "zh", { plain: string; sorry: string }> = {
  en: {
    plain:
      "I could not find anything about that in the knowledge base, so I can't answer it reliably. Could you rephrase the question, or ask a member of our team?",
    sorry:
      "I'm sorry for the trouble. I could not find anything about that in the knowledge base, so I can't answer it reliably. A member of our team can help you further.",
  },
  zh: {
    plain: "抱歉，我在知识库中没有找到与此相关的内容，无法给出可靠的答案。您可以换一种问法，或联系我们的工作人员。",
    sorry: "给您带来不便，非常抱歉。我在知识库中没有找到与此相关的内容，无法给出可靠的答案。我们的工作人员可以进一步帮助您。",
  },
};

export function needsRetrieval(intent: Intent): boolean {
  return intent !== "greeting" && intent !== "thanks";
}

export function composeAnswer(intent: Intent, language: "en" | "zh", composed: Composed | null): string {
  if (!needsRetrieval(intent)) return LEAD[language][intent];
  if (!composed || composed.passages.length === 0) {
    return intent === "complaint" ? NOTHING[language].sorry : NOTHING[language].plain;
  }
  const body = composed.passages.map((p) => `- ${p.text} [${p.source}]`).join("\n");
  const heading = language === "zh" ? "来源：" : "Sources:";
  const list = composed.sources.map((s, i) => `[${i + 1}] ${s.title}`).join("\n");
  return `${LEAD[language][intent]}\n\n${body}\n\n${heading}\n${list}`;
}
