import { stemWord, queryTerms } from "./tokenize";

export type SnippetPart = { text: string; match: boolean };
export type Snippet = { parts: SnippetPart[]; cutStart: boolean; cutEnd: boolean };

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
const IS_CJK = new RegExp(String.raw`^[${CJK}]`, "u");
const WORDS = new RegExp(String.raw`(?:(?![${CJK}])[\p{L}\p{N}\p{M}])+`, "gu");
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** Spans of the passage's ORIGINAL text that the query's terms matched (words by their stem, CJK terms as written). */
function matchSpans(content: string, terms: string[]): [number, number][] {
  const spans: [number, number][] = [];
  const words = new Set(terms.filter((t) => !IS_CJK.test(t)));
  if (words.size > 0) {
    for (const m of content.matchAll(WORDS)) {
      if (words.has(stemWord(m[0].normalize("NFKC").toLowerCase()))) spans.push([m.index, m.index + m[0].length]);
    }
  }
  const cjk = terms.filter((t) => IS_CJK.test(t));
  if (cjk.length > 0) {
    const pattern = new RegExp(cjk.map(escape).join("|"), "gu");
    // Overlapping bigrams (退款, 款政) may share a character: matching one at a time and merging below covers both.
    for (let at = 0; at < content.length;) {
      pattern.lastIndex = at;
      const m = pattern.exec(content);
      if (!m) break;
      spans.push([m.index, m.index + m[0].length]);
      at = m.index + 1;
    }
  }
  spans.sort((a, b) => a[0] - b[0]);
  const merged: [number, number][] = [];
  for (const span of spans) {
    const last = merged[merged.length - 1];
    if (last && span[0] <= last[1]) last[1] = Math.max(last[1], span[1]);
    else merged.push([...span]);
  }
  return merged;
}

/**
 * Highlights a passage for the search page (ts_headline would highlight the bigram spelling in
 * `search_text`, which no one should read): a window of about `width` characters around the first
 * match, split into plain and matched parts for the page to mark up.
 */
export function highlight(content: string, query: string, width = 280): Snippet {
  const spans = matchSpans(content, queryTerms(query));
  const first = spans[0]?.[0] ?? 0;
  let start = Math.max(0, first - Math.floor(width / 3));
  let end = Math.min(content.length, start + width);
  start = Math.max(0, Math.min(start, end - width));
  // Do not cut a word (or a surrogate pair) in two at the window's edges.
  while (start > 0 && /[\p{L}\p{N}]/u.test(content[start - 1]!) && first - start < width / 2) start--;
  while (end < content.length && /[\p{L}\p{N}]/u.test(content[end]!) && end - start < width + 20) end++;
  if (/[\udc00-\udfff]/.test(content[start] ?? "")) start++;
  if (/[\ud800-\udbff]/.test(content[end - 1] ?? "")) end--;

  const parts: SnippetPart[] = [];
  let at = start;
  for (const [s, e] of spans) {
    if (e <= at || s >= end) continue;
    const from = Math.max(s, at);
    const to = Math.min(e, end);
    if (from > at) parts.push({ text: content.slice(at, from), match: false });
    parts.push({ text: content.slice(from, to), match: true });
    at = to;
  }
  if (at < end) parts.push({ text: content.slice(at, end), match: false });
  return { parts, cutStart: start > 0, cutEnd: end < content.length };
}
