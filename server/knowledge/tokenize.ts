/**
 * The one tokeniser of the knowledge base, used to write a chunk's `search_text` AND to build a
 * query: if the two ever differed, a query could not find what the index holds.
 *
 * Postgres has no Chinese parser built in (and PGlite cannot load one), so CJK text is spelled as
 * overlapping bigrams ("如何退款" → 如何 何退 退款) — the classic, dictionary-free way to index
 * Chinese: any two-character word of a query is a bigram of the passage that contains it. A run of
 * one CJK character is kept as itself. Other scripts are split into lower-cased words; punctuation
 * and symbols are dropped. NFKC first, so full-width Ｌｅｔｔｅｒｓ and ＡＢＣ１２３ match their
 * ordinary forms. Latin words lose a plural ending (Harman's "S" stemmer: refunds → refund,
 * policies → policy), so a question in the singular finds a passage in the plural; anything
 * stronger would conflate words the `simple` configuration keeps apart on purpose.
 */

const CJK = String.raw`\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}`;
// A run of CJK characters, or a run of other letters/digits/marks.
const RUNS = new RegExp(String.raw`[${CJK}]+|(?:(?![${CJK}])[\p{L}\p{N}\p{M}])+`, "gu");
const IS_CJK = new RegExp(String.raw`^[${CJK}]`, "u");

/** Longest word kept: Postgres refuses words over 2047 bytes, and nothing real is that long. */
const MAX_WORD = 100;

const LATIN_WORD = /^[a-z]+$/;

/** Harman's S stemmer, for words of four letters or more. */
export function stemWord(word: string): string {
  if (word.length < 4 || !LATIN_WORD.test(word)) return word;
  if (word.endsWith("ies") && !word.endsWith("eies") && !word.endsWith("aies")) return `${word.slice(0, -3)}y`;
  if (word.endsWith("es") && !word.endsWith("aes") && !word.endsWith("ees") && !word.endsWith("oes")) return word.slice(0, -1);
  if (word.endsWith("s") && !word.endsWith("us") && !word.endsWith("ss")) return word.slice(0, -1);
  return word;
}

export function searchTokens(text: string): string[] {
  const tokens: string[] = [];
  for (const [run] of text.normalize("NFKC").toLowerCase().matchAll(RUNS)) {
    if (!IS_CJK.test(run)) {
      tokens.push(stemWord(run.length > MAX_WORD ? run.slice(0, MAX_WORD) : run));
      continue;
    }
    const chars = Array.from(run);
    if (chars.length === 1) tokens.push(chars[0]!);
    else for (let i = 0; i + 1 < chars.length; i++) tokens.push(chars[i]! + chars[i + 1]!);
  }
  return tokens;
}

/** What is stored in `knowledge_chunks.search_text` (indexed by `to_tsvector('simple', …)`). */
export function searchText(text: string): string {
  return searchTokens(text).join(" ");
}

/** At most this many distinct terms of a query are searched for (a pasted essay is not a query). */
export const MAX_QUERY_TERMS = 32;

/** A query's distinct terms, in order of first appearance. Empty for an all-punctuation query. */
export function queryTerms(query: string): string[] {
  return [...new Set(searchTokens(query))].slice(0, MAX_QUERY_TERMS);
}
