import { queryTerms } from "./tokenize";

export type SnippetPart = { text: string; match: boolean };
export type Snippet = { parts: SnippetPart[]; cutStart: boolean; cutEnd: boolean };

const CJK_START = /^[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}]/u;
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/**
 * Where the query's terms occur in a passage's ORIGINAL text (ts_headline would highlight the
 * bigram spelling in `search_text`, which no one should read): words whole and case-insensitive,
 * CJK bigrams as they are. Returns a window of about `width` characters around the first match,
 * split into plain and matched parts for the page to mark up.
 */
export function highlight(content: string, query: string, width = 280): Snippet {
  const terms = queryTerms(query).sort((a, b) => b.length - a.length);
  const alternatives = terms.map((t) => (CJK_START.test(t) ? escape(t) : `(?<![\\p{L}\\p{N}])${escape(t)}(?![\\p{L}\\p{N}])`));
  const pattern = alternatives.length > 0 ? new RegExp(alternatives.join("|"), "giu") : null;
  const spans: [number, number][] = [];
  if (pattern) for (const m of content.matchAll(pattern)) if (m[0]) spans.push([m.index, m.index + m[0].length]);

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
    if (e <= start || s >= end) continue;
    const from = Math.max(s, start);
    const to = Math.min(e, end);
    if (from < at) continue;
    if (from > at) parts.push({ text: content.slice(at, from), match: false });
    parts.push({ text: content.slice(from, to), match: true });
    at = to;
  }
  if (at < end) parts.push({ text: content.slice(at, end), match: false });
  return { parts, cutStart: start > 0, cutEnd: end < content.length };
}
