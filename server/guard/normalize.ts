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
 *   (newlines kept: role tags are line-anchored), leetspeak undone inside mixed tokens, Chinese
 *   attack keywords written as split components or homophones folded back (keyword-folds.ts).
 * - `compact`: only the letters and Han characters of `text`. Spacing and punctuation tricks
 *   ("i.g.n.o.r.e", "忽 略 之 前") disappear here; Chinese is matched here too, since it has no
 *   spaces to begin with.
 */

import { stringOfCodes } from "./codes";
import { foldKeywords } from "./keyword-folds";
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
  а: "a",
  в: "b",
  е: "e",
  ё: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ї: "i",
  ј: "j",
  ѕ: "s",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  һ: "h",
  ӏ: "l",
  ɡ: "g",
  ո: "n",
  ս: "u",
  α: "a",
  β: "b",
  ε: "e",
  η: "n",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
  ω: "w",
  γ: "y",
  ϲ: "c",
  ı: "i",
  ł: "l",
  ø: "o",
  đ: "d",
  ß: "ss",
  æ: "ae",
  œ: "oe",
};

/**
 * Rare Han variant or look-alike characters that stand in for common ones (畧 for 略, 旳 for 的,
 * 伱 for 你, 昰 for 是, 岀 for 出…): they render almost identically, are hardly ever written on
 * purpose in ordinary Simplified Chinese, and split a keyword for naive matching. 冇 is Cantonese
 * for "not have", but as an obfuscation it stands for 有; a Cantonese sentence loses little by the fold.
 */
const HAN_LOOKALIKES: Record<string, string> = {
  畧: "略",
  旳: "的",
  伱: "你",
  妳: "你",
  莪: "我",
  昰: "是",
  冇: "有",
  仝: "全",
  吿: "告",
  岀: "出",
  庅: "么",
  糸: "系",
  㓛: "功",
  囙: "因",
  亊: "事",
  荅: "答",
  眎: "视",
  眡: "视",
  佀: "似",
  冄: "冉",
  囘: "回",
  囬: "回",
  弍: "二",
  丗: "世",
  牎: "窗",
  // the radical-supplement forms of side radicals, so that keyword-folds.ts sees one spelling of 扌巴
  "\u2e98": "扌",
  "\u2ec8": "讠",
  "\u2e85": "亻",
  "\u2e96": "忄",
  "\u2eaf": "纟",
};

const LEET: Record<string, string> = { "0": "o", "1": "i", "3": "e", "4": "a", "5": "s", "7": "t", "@": "a", $: "s", "!": "i", "|": "l" };

const folded = new Map<number, string>();
/**
 * The memo's fast lane for the Basic Multilingual Plane: the folded form when it is one UTF-16 unit
 * (most Han characters, and most other letters), 0 when not yet folded, MANY when it is longer or
 * empty (then the map holds it), and never a space (those go the long way, through the run
 * collapsing). normalize() reads it before calling fold(). A Chinese prompt is thousands of such
 * look-ups per scan: with the Map alone, normalising the eval's 4 KB Chinese prompt took ~180 µs of
 * CPU, with this ~100 µs (the English one: ~100 µs either way).
 */
const foldedUnit = new Uint16Array(65536);
const MANY = 1;
const isSpaceUnit = (c: number) => c === 32 || c === 0xa0 || (c >= 9 && c <= 13) || c === 0x2028 || c === 0x2029 || c === 0x3000;

/** The canonical form of one non-ASCII code point (memoised: a text repeats few distinct ones). */
function fold(cp: number): string {
  const cached = folded.get(cp);
  if (cached !== undefined) return cached;
  let out = "";
  for (const ch of String.fromCodePoint(cp).normalize("NFKC").toLowerCase()) {
    if (/\p{M}/u.test(ch)) continue; // combining marks (zalgo, stray accents)
    let c = HOMOGLYPHS[ch] ?? HAN_LOOKALIKES[ch] ?? TRADITIONAL_TO_SIMPLIFIED[ch] ?? ch;
    if (c === ch && /[\u00c0-\u024f]/.test(c)) c = c.normalize("NFD").replace(/\p{M}/gu, "");
    out += c;
  }
  if (cp < 65536 && out.length === 1 && out.charCodeAt(0) > MANY && !isSpaceUnit(out.charCodeAt(0))) foldedUnit[cp] = out.charCodeAt(0);
  else if (folded.size < 20_000) folded.set(cp, out);
  return out;
}

const isLetter = (c: number) => c >= 97 && c <= 122;
const isHan = (c: number) => (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x3040 && c <= 0x30ff);

// Working buffers, grown on demand and reused across calls: normalisation runs on every scan.
let codes = new Uint16Array(8192);
let starts = new Int32Array(8192);
let ends = new Int32Array(8192);

function ensure(size: number) {
  if (size <= codes.length) return;
  const cap = Math.max(size, codes.length * 2);
  const grow = <T extends Uint16Array | Int32Array>(a: T, make: (n: number) => T): T => {
    const b = make(cap);
    b.set(a);
    return b;
  };
  codes = grow(codes, (k) => new Uint16Array(k));
  starts = grow(starts, (k) => new Int32Array(k));
  ends = grow(ends, (k) => new Int32Array(k));
}

let compactAt = new Int32Array(8192);
let compactCodes = new Uint16Array(8192);
function ensureCompact(size: number) {
  if (size <= compactAt.length) return;
  compactAt = new Int32Array(Math.max(size, compactAt.length * 2));
  compactCodes = new Uint16Array(compactAt.length);
}

const SPACE = 32;
const NEWLINE = 10;

const stringOf = stringOfCodes;

export function normalize(original: string): Normalized {
  const n = original.length;
  ensure(n * 2 + 16);
  // Locals, not the module's buffers or a closure over `len`: a variable a closure writes, or a
  // module-level binding, lives in a context slot that every iteration reloads (this loop runs once
  // per character of every scan; the closure version took ~10 % longer on an English 4 KB prompt).
  let cs = codes;
  let ss = starts;
  let es = ends;
  let len = 0;
  let last = SPACE; // drops leading whitespace
  let wide = false; // any non-ASCII unit: only then can a Chinese keyword fold apply

  for (let i = 0; i < n;) {
    const cp = original.codePointAt(i)!;
    const w = cp > 0xffff ? 2 : 1;
    if (cp < 128) {
      if (cp === 32 || (cp >= 9 && cp <= 13)) {
        // whitespace runs collapse to one space, or to one newline when the run holds a line break
        if (last !== NEWLINE) {
          const newline = cp === 10 || cp === 13;
          if (last === SPACE) {
            if (newline && len > 0) cs[len - 1] = last = NEWLINE;
          } else {
            cs[len] = last = newline ? NEWLINE : SPACE;
            ss[len] = i;
            es[len++] = i + 1;
          }
        }
      } else {
        cs[len] = last = cp >= 65 && cp <= 90 ? cp + 32 : cp;
        ss[len] = i;
        es[len++] = i + 1;
      }
    } else if (cp < 65536 && foldedUnit[cp]! > MANY) {
      // the common case of a non-ASCII character: folds to one known unit (see foldedUnit)
      if (len + 3 > cs.length) {
        ensure(len + 3);
        cs = codes;
        ss = starts;
        es = ends;
      }
      cs[len] = last = foldedUnit[cp]!;
      ss[len] = i;
      es[len++] = i + w;
      wide = true;
    } else if (!isInvisible(cp)) {
      const f = fold(cp);
      wide = true;
      if (len + f.length + 2 > cs.length) {
        ensure(len + f.length + 2);
        cs = codes;
        ss = starts;
        es = ends;
      }
      for (let k = 0; k < f.length; k++) {
        const c = f.charCodeAt(k);
        if (isSpaceUnit(c)) {
          if (last !== NEWLINE) {
            const newline = c === 10 || c === 0x2028 || c === 0x2029;
            if (last === SPACE) {
              if (newline && len > 0) cs[len - 1] = last = NEWLINE;
            } else {
              cs[len] = last = newline ? NEWLINE : SPACE;
              ss[len] = i;
              es[len++] = i + w;
            }
          }
        } else {
          // one entry per UTF-16 unit, so that indices into the joined text line up with the maps
          cs[len] = last = c;
          ss[len] = i;
          es[len++] = i + w;
        }
      }
    }
    i += w;
  }

  if (wide) len = foldKeywords(cs, ss, es, len);
  undoLeetspeak(cs, len);
  const text = stringOf(cs, len);

  // the compact view is built in the reused work buffers too; only its final copies are allocated
  // (a scan allocated ~130 KB, and under load each young-generation collection lands in the p99)
  ensureCompact(len);
  const cc = compactCodes;
  const ca = compactAt;
  let m = 0;
  for (let j = 0; j < len; j++) {
    const c = cs[j]!;
    if (isLetter(c) || isHan(c)) {
      cc[m] = c;
      ca[m++] = j;
    }
  }

  generation++;
  return new LazyMaps(original, text, stringOf(cc, m), len, m, generation);
}

/**
 * Bumped by every normalize(): the work buffers then hold the maps of that call's text. A view whose
 * generation is older rebuilds them (normalize is deterministic) before copying.
 */
let generation = 0;

/**
 * The offset maps are copied out of the work buffers only when asked for: they are needed to report a
 * finding (originalSpan), and most scans have none. Copying them on every call was ~45 KB of the
 * ~64 KB a 4 KB scan allocated, and under load every young-generation collection that this garbage
 * brought forward cost a scan several milliseconds: it was what the p99 measured.
 */
class LazyMaps implements Normalized {
  private maps: { start: Int32Array; end: Int32Array; compactAt: Int32Array } | null = null;

  constructor(
    private readonly original: string,
    readonly text: string,
    readonly compact: string,
    private readonly len: number,
    private readonly compactLen: number,
    private readonly made: number,
  ) {}

  private copy() {
    if (this.maps) return this.maps;
    if (this.made !== generation) normalize(this.original); // the buffers were reused: refill them
    this.maps = { start: starts.slice(0, this.len), end: ends.slice(0, this.len), compactAt: compactAt.slice(0, this.compactLen) };
    return this.maps;
  }

  get start(): Int32Array {
    return this.copy().start;
  }

  get end(): Int32Array {
    return this.copy().end;
  }

  get compactAt(): Int32Array {
    return this.copy().compactAt;
  }
}

// "0"→o, "1"→i, "3"→e, "4"→a, "5"→s, "7"→t, "@"→a, "$"→s, "!"→i, "|"→l
const LEET_CODES = new Int32Array(128).fill(0);
for (const [k, v] of Object.entries(LEET)) LEET_CODES[k.charCodeAt(0)] = v.charCodeAt(0);
const BAR = 124;
const BANG = 33;
const DOLLAR = 36;

/**
 * "1gn0r3 pr3v10u5" → "ignore previous": inside a token that mixes letters and leet symbols
 * (at least two letters, so "h2", "4k", "$5" stay as they are). A trailing "!" or "|" is
 * punctuation, and a leading one a delimiter ("<|im_start|>", "!important"), not a letter.
 */
function undoLeetspeak(buf: Uint16Array, n: number) {
  let i = 0;
  while (i < n) {
    const c = buf[i]!;
    if (!(c < 128 && LEET_CODES[c]) && !isLetter(c)) {
      i++;
      continue;
    }
    let j = i;
    let letters = 0;
    let leet = 0;
    while (j < n) {
      const d = buf[j]!;
      if (isLetter(d)) letters++;
      else if (d < 128 && LEET_CODES[d]) leet++;
      else break;
      j++;
    }
    let k = j;
    while (k > i && (buf[k - 1] === BANG || buf[k - 1] === BAR || buf[k - 1] === DOLLAR)) k--;
    let s = i;
    while (s < k && (buf[s] === BAR || buf[s] === BANG)) s++;
    if (letters >= 2 && leet > 0 && k - s >= 3) {
      for (let m = s; m < k; m++) {
        const r = buf[m]! < 128 ? LEET_CODES[buf[m]!]! : 0;
        if (r) buf[m] = r;
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
