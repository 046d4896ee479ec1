/**
 * Normalisation for the text detectors (injection, harmful, canary). Attackers dress the same
 * words up — full-width letters, Cyrillic look-alikes, zero-width joiners, "1gn0r3", "i g n o r e",
 * traditional characters — so rules match a canonical view instead, and every character of that
 * view remembers which original UTF-16 range it came from: findings are reported in ORIGINAL
 * offsets (the UI highlights them, redaction masks them).
 *
 * Two views:
 * - `text`: NFKC, lower case, invisible characters removed, look-alikes folded to Latin,
 *   diacritics dropped, traditional→simplified for common characters, whitespace runs collapsed
 *   (newlines kept: role tags are line-anchored), leetspeak undone inside mixed tokens.
 * - `compact`: only the letters and Han characters of `text`. Spacing and punctuation tricks
 *   ("i.g.n.o.r.e", "忽 略 之 前") disappear here; Chinese is matched here too, since it has no
 *   spaces to begin with.
 */

import { TRADITIONAL_TO_SIMPLIFIED } from "./traditional";

export type Normalized = {
  text: string;
  /** original start / end offset of each UTF-16 unit of `text` */
  start: Int32Array;
  end: Int32Array;
  compact: string;
  /** index into `text` of each unit of `compact` */
  compactAt: Int32Array;
};

// Zero-width, joiners, bidi controls, soft hyphen, BOM, variation selectors, tag characters: invisible,
// used to split keywords so that naive matching misses them.
function isInvisible(cp: number): boolean {
  return (
    (cp >= 0x200b && cp <= 0x200f) ||
    (cp >= 0x202a && cp <= 0x202e) ||
    (cp >= 0x2060 && cp <= 0x2069) ||
    cp === 0xfeff ||
    cp === 0x00ad ||
    cp === 0x180e ||
    cp === 0x034f ||
    (cp >= 0xfe00 && cp <= 0xfe0f) ||
    (cp >= 0xe0000 && cp <= 0xe007f)
  );
}

/** Cyrillic and Greek letters that render like Latin ones (the usual homoglyph substitutions). */
const HOMOGLYPHS: Record<string, string> = {
  а: "a", в: "b", е: "e", ё: "e", к: "k", м: "m", н: "h", о: "o", р: "p", с: "c", т: "t", у: "y", х: "x",
  і: "i", ї: "i", ј: "j", ѕ: "s", ԁ: "d", ԛ: "q", ԝ: "w", һ: "h", ӏ: "l", ɡ: "g", ո: "n", ս: "u",
  α: "a", β: "b", ε: "e", η: "n", ι: "i", κ: "k", ν: "v", ο: "o", ρ: "p", τ: "t", υ: "u", χ: "x", ω: "w", γ: "y", ϲ: "c",
  ı: "i", ł: "l", ø: "o", đ: "d", ß: "ss", æ: "ae", œ: "oe",
};

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i", "|": "l" };

const folded = new Map<number, string>();

/** The canonical form of one non-ASCII code point (memoised: a text repeats few distinct ones). */
function fold(cp: number): string {
  const cached = folded.get(cp);
  if (cached !== undefined) return cached;
  let out = "";
  for (const ch of String.fromCodePoint(cp).normalize("NFKC").toLowerCase()) {
    if (/\p{M}/u.test(ch)) continue; // combining marks (zalgo, stray accents)
    let c = HOMOGLYPHS[ch] ?? TRADITIONAL_TO_SIMPLIFIED[ch] ?? ch;
    if (c === ch && /[\u00c0-\u024f]/.test(c)) c = c.normalize("NFD").replace(/\p{M}/gu, "");
    out += c;
  }
  if (folded.size < 20_000) folded.set(cp, out);
  return out;
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isHan = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff);

export function normalize(original: string): Normalized {
  const n = original.length;
  const chars: string[] = [];
  const start: number[] = [];
  const end: number[] = [];
  let last = " "; // drops leading whitespace

  const pushSpace = (newline: boolean, s: number, e: number) => {
    if (last === "\n") return;
    if (last === " ") {
      if (newline && chars.length > 0) chars[chars.length - 1] = last = "\n";
      return;
    }
    chars.push((last = newline ? "\n" : " "));
    start.push(s);
    end.push(e);
  };

  for (let i = 0; i < n; ) {
    const cp = original.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (cp < 128) {
      if (cp === 32 || (cp >= 9 && cp <= 13)) pushSpace(cp === 10 || cp === 13, i, i + 1);
      else {
        const c = cp >= 65 && cp <= 90 ? String.fromCharCode(cp + 32) : original[i]!;
        chars.push((last = c));
        start.push(i);
        end.push(i + 1);
      }
    } else if (!isInvisible(cp)) {
      for (const c of fold(cp)) {
        if (c === " " || c === "\u00a0" || /\s/.test(c)) pushSpace(c === "\n" || c === "\u2028" || c === "\u2029", i, i + w);
        else {
          // one entry per UTF-16 unit, so that indices into the joined text line up with the maps
          for (let k = 0; k < c.length; k++) {
            chars.push(c[k]!);
            start.push(i);
            end.push(i + w);
          }
          last = c;
        }
      }
    }
    i += w;
  }

  undoLeetspeak(chars);
  const text = chars.join("");

  const compactChars: string[] = [];
  const compactAt: number[] = [];
  for (let j = 0; j < text.length; j++) {
    const c = text.charCodeAt(j);
    if (isLetter(c) || isHan(c)) {
      compactChars.push(text[j]!);
      compactAt.push(j);
    }
  }

  return {
    text,
    start: Int32Array.from(start),
    end: Int32Array.from(end),
    compact: compactChars.join(""),
    compactAt: Int32Array.from(compactAt),
  };
}

/**
 * "1gn0r3 pr3v10u5" → "ignore previous": inside a token that mixes letters and leet symbols
 * (at least two letters, so "h2", "4k", "$5" stay as they are). A trailing "!" or "|" is
 * punctuation, not a letter.
 */
function undoLeetspeak(chars: string[]) {
  let i = 0;
  const n = chars.length;
  while (i < n) {
    const c = chars[i]!;
    if (!(c in LEET) && !(c.length === 1 && c >= "a" && c <= "z")) {
      i++;
      continue;
    }
    let j = i;
    let letters = 0;
    let leet = 0;
    while (j < n) {
      const d = chars[j]!;
      if (d.length === 1 && d >= "a" && d <= "z") letters++;
      else if (d in LEET) leet++;
      else break;
      j++;
    }
    // trailing punctuation-like symbols are not part of the word
    let k = j;
    while (k > i && (chars[k - 1] === "!" || chars[k - 1] === "|" || chars[k - 1] === "$")) k--;
    // a leading "|" or "!" is a delimiter ("<|im_start|>", "!important"), not a letter
    let s = i;
    while (s < k && (chars[s] === "|" || chars[s] === "!")) s++;
    if (letters >= 2 && leet > 0 && k - s >= 3) {
      for (let m = s; m < k; m++) {
        const r = LEET[chars[m]!];
        if (r) chars[m] = r;
      }
    }
    i = j === i ? i + 1 : j;
  }
}

/** Original [start, end) of the normalised range [a, b). */
export function originalSpan(norm: Normalized, a: number, b: number): [number, number] {
  if (norm.start.length === 0) return [0, 0];
  const lo = Math.max(0, Math.min(a, norm.start.length - 1));
  const hi = Math.max(lo, Math.min(b - 1, norm.end.length - 1));
  return [norm.start[lo]!, norm.end[hi]!];
}

/** Original [start, end) of the compact range [a, b). */
export function originalSpanOfCompact(norm: Normalized, a: number, b: number): [number, number] {
  if (norm.compactAt.length === 0) return [0, 0];
  const lo = norm.compactAt[Math.max(0, Math.min(a, norm.compactAt.length - 1))]!;
  const hi = norm.compactAt[Math.max(0, Math.min(b - 1, norm.compactAt.length - 1))]!;
  return originalSpan(norm, lo, hi + 1);
}
