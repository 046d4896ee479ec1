/**
 * Sentence walking and the "substantial text" test shared by the two detectors that consult the
 * classifier's payload head (injection.ts: frame + payload; harmful-model.ts: a harmful request on
 * its own). Kept in one place so that both judge the same sentences and the same minimum length.
 */

/**
 * The classifier alone judges only text long enough to carry an instruction: on a greeting
 * ("你好", "who are you") a handful of n-grams decides, and the openings attack prompts share
 * with small talk are exactly those n-grams. A short attack still meets the rules.
 * Weight: a CJK character counts two (it carries about a word's worth of meaning in two).
 */
export const MIN_CLASSIFIER_WEIGHT = 24;
const CJK_SCRIPT = /\p{Script=Han}|\p{Script=Hiragana}|\p{Script=Katakana}|\p{Script=Hangul}/u;
const LETTER_OR_DIGIT = /[\p{L}\p{N}]/u;
const weightOf = (ch: string) => (CJK_SCRIPT.test(ch) ? 2 : LETTER_OR_DIGIT.test(ch) ? 1 : 0);
/**
 * Each BMP code unit's weight + 1 (0: not looked up yet), filled from the two patterns on first
 * sight. Speed (issue 6): testing the patterns per character made two RegExp objects and a string per
 * character (a regex literal in a loop is a new object each time), the largest allocation of a
 * Chinese scan, which runs this once per sentence.
 */
const BMP_WEIGHT = new Uint8Array(0x10000);
export function substantial(text: string, from = 0, to = text.length, enough = MIN_CLASSIFIER_WEIGHT): boolean {
  let weight = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    let w: number;
    if (c < 128) w = (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90) ? 1 : 0;
    else if (c >= 0xd800 && c <= 0xdbff && i + 1 < to && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      // a surrogate pair is one code point, as `for…of` saw it
      w = weightOf(text.slice(i, i + 2));
      i++;
    } else {
      w = BMP_WEIGHT[c]! - 1;
      if (w < 0) BMP_WEIGHT[c] = (w = weightOf(String.fromCharCode(c))) + 1;
    }
    weight += w;
    if (weight >= enough) return true;
  }
  return false;
}

export const sentenceEnd = (c: number) => c === 46 || c === 63 || c === 33 || c === 10 || c === 0x3002 || c === 0xff1f || c === 0xff01;

/** The best-scoring sentence: its score and its offsets in the text it was cut from. */
export type BestSentence = { score: number; start: number; end: number };

/**
 * The strongest score over the text's sentences (the runs of /[^.?!。？！\n]+/, walked by index), at
 * most `limit` of them, each long enough to ask for something; stops early once one reaches `enough`.
 */
export function bestSentence(text: string, of: (sentence: string) => number, enough: number, limit = 24): BestSentence {
  const best: BestSentence = { score: 0, start: 0, end: 0 };
  let seen = 0;
  for (let i = 0; i < text.length;) {
    if (sentenceEnd(text.charCodeAt(i))) {
      i++;
      continue;
    }
    let j = i + 1;
    while (j < text.length && !sentenceEnd(text.charCodeAt(j))) j++;
    if (substantial(text, i, j)) {
      const s = of(text.slice(i, j));
      if (s > best.score) Object.assign(best, { score: s, start: i, end: j });
      if (best.score >= enough || ++seen >= limit) break;
    }
    i = j;
  }
  return best;
}
