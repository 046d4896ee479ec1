/**
 * Feature hashing for the injection classifier — ONE implementation used by the trainer
 * (scripts/guard/train.ts) and by inference, so the two can never drift apart.
 *
 * Features, hashed into 2^bits buckets:
 * - character 1- to 4-grams over the letters and digits of the text (punctuation, spaces and
 *   separators removed first, so "忽 略-指/令" and "i.g.n.o.r.e" give the same grams as the plain
 *   spelling; for Chinese, character grams are the words);
 * - Latin word unigrams and bigrams.
 * Each occurrence adds the bucket's weight; the sum is divided by √(number of occurrences), a
 * cheap stand-in for L2 normalisation that needs no per-text map at inference time.
 *
 * The text is canonicalised here too (NFKC, lower case, format characters such as zero-width
 * spaces removed). That is idempotent on the guard's normalised text and lets the trainer feed
 * raw dataset rows.
 */

const FORMAT_CHARS = /[\p{Cf}\u115f\u1160\u3164\uffa0]/gu;

export function canonical(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(FORMAT_CHARS, "");
}

function isLetterOrDigit(c: number): boolean {
  // ASCII fast path, then anything that is not space, punctuation or a symbol in the common blocks.
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (c >= 0x4e00 && c <= 0x9fff) return true; // CJK unified ideographs
  if ((c >= 0x3000 && c <= 0x303f) || (c >= 0xff00 && c <= 0xff0f) || (c >= 0x2000 && c <= 0x2bff)) return false;
  if (c >= 0xfe30 && c <= 0xfe4f) return false; // CJK compatibility forms (vertical punctuation)
  return c > 0xbf && c !== 0xd7 && c !== 0xf7;
}

function fmix(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const MAX_N = 4;
const WORD_SEED = 0x2f6b1d3a;
const BIGRAM_SEED = 0x5bd1e995;

/** Calls `emit(bucket)` once per feature occurrence; returns the number of occurrences. */
export function forEachFeature(text: string, bits: number, emit: (bucket: number) => void): number {
  const mask = (1 << bits) - 1;
  const canon = canonical(text);
  const codes: number[] = [];
  for (let i = 0; i < canon.length; i++) {
    const c = canon.charCodeAt(i);
    if (isLetterOrDigit(c)) codes.push(c);
  }
  let count = 0;
  for (let i = 0; i < codes.length; i++) {
    let h = 0x811c9dc5;
    for (let n = 0; n < MAX_N && i + n < codes.length; n++) {
      h = Math.imul(h ^ codes[i + n]!, 0x01000193);
      emit(fmix(h ^ (n + 1)) & mask);
      count++;
    }
  }
  // Latin words: [a-z0-9]+ runs in the canonical text (ASCII after NFKC folds full-width forms).
  let prev = 0;
  let word = WORD_SEED;
  let inWord = false;
  for (let i = 0; i <= canon.length; i++) {
    const c = i < canon.length ? canon.charCodeAt(i) : 32;
    const wordChar = (c >= 48 && c <= 57) || (c >= 97 && c <= 122);
    if (wordChar) {
      word = Math.imul(word ^ c, 0x01000193);
      inWord = true;
    } else if (inWord) {
      const w = fmix(word);
      emit(w & mask);
      if (prev) emit(fmix(Math.imul(prev, 31) ^ w ^ BIGRAM_SEED) & mask);
      count += prev ? 2 : 1;
      prev = w;
      word = WORD_SEED;
      inWord = false;
    }
  }
  return count;
}

/** Chinese when Han characters are at least 15 % of the non-space characters (and at least two): picks the calibration. */
export function isChinese(text: string): boolean {
  let han = 0;
  let other = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff)) han++;
    else if (c > 32) other++;
  }
  return han >= 2 && han / (han + other) >= 0.15;
}
