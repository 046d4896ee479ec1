/**
 * Feature hashing for the injection classifier — ONE implementation used by the trainer
 * (scripts/guard/train.ts) and by inference, so the two can never drift apart.
 *
 * Features, hashed into 2^bits buckets:
 * - character 1- to 4-grams over the letters and digits of the text (punctuation, spaces and
 *   separators removed first, so "忽 略-指/令" and "i.g.n.o.r.e" give the same grams as the plain
 *   spelling; for Chinese, character grams are the words);
 * - Latin word unigrams and bigrams.
 * The word features come last (from index `words`): the hidden-layer stage (hidden.ts) reads only them.
 * Each occurrence adds the bucket's weight; the sum is divided by √(number of occurrences), a
 * cheap stand-in for L2 normalisation that needs no per-text map at inference time.
 *
 * The text is canonicalised here too (lower case, format characters such as zero-width spaces
 * removed, pinyin attack words folded to Han). The trainer feeds the guard's normalised view
 * (scripts/guard/train.ts guardView), exactly what inference gets.
 */

const FORMAT_CHARS = /[\p{Cf}\u115f\u1160\u3164\uffa0]/gu;

const FORMAT_CHAR = /^[\p{Cf}\u115f\u1160\u3164\uffa0]$/u;
const LOOKED_UP = 1;
const CHANGES_LOWER = 2;
const FORMAT = 4;
/** Per BMP code unit, filled on first sight: LOOKED_UP, plus CHANGES_LOWER and FORMAT where they hold. */
const UNIT = new Uint8Array(0x10000);

/**
 * What canonical() has to undo in `text`: CHANGES_LOWER when toLowerCase() may change it, FORMAT when
 * FORMAT_CHARS may match. One pass of table look-ups, so that the two whole-string copies are only
 * made when they change something (speed, issue 6): the guard's view is lower case already, yet
 * toLowerCase() copied it anyway (8 KB per call on a 4 KB two-byte text, once per scan and once per
 * sentence scored), and the /u replace cost 35 µs per 4 KB to remove nothing. Exact: without a locale,
 * lower-casing maps each code point on its own except Σ (final sigma), which changes either way, and
 * maps no letter to a format character; a surrogate sets both flags (the whole-string calls decide).
 */
function toUndo(text: string): number {
  let flags = 0;
  for (let i = 0; i < text.length && flags !== (CHANGES_LOWER | FORMAT); i++) {
    const c = text.charCodeAt(i);
    if (c < 128) {
      if (c >= 65 && c <= 90) flags |= CHANGES_LOWER;
      continue;
    }
    let k = UNIT[c]!;
    if (k === 0) {
      const ch = String.fromCharCode(c);
      const surrogate = c >= 0xd800 && c <= 0xdfff;
      k = LOOKED_UP | (surrogate || ch.toLowerCase() !== ch ? CHANGES_LOWER : 0) | (surrogate || FORMAT_CHAR.test(ch) ? FORMAT : 0);
      UNIT[c] = k;
    }
    flags |= k & (CHANGES_LOWER | FORMAT);
  }
  return flags;
}

/**
 * Pinyin spellings of the words attacks are made of (忽略 → hulve / hulue…), folded back to Han so
 * that "hulve zhiqian de zhiling" gives the same character grams as 忽略之前的指令. A general
 * vocabulary of override / role / leak / restriction words, not any dataset's payloads; only
 * multi-syllable spellings that are not English words.
 */
const PINYIN_TO_HAN: Record<string, string> = {
  hulue: "忽略",
  hulve: "忽略",
  hushi: "忽视",
  wushi: "无视",
  wangji: "忘记",
  wangdiao: "忘掉",
  tiaoguo: "跳过",
  raoguo: "绕过",
  paoqi: "抛弃",
  zhiqian: "之前",
  yiqian: "以前",
  shangmian: "上面",
  suoyou: "所有",
  quanbu: "全部",
  yiqie: "一切",
  renhe: "任何",
  zhiling: "指令",
  zhishi: "指示",
  guize: "规则",
  xianzhi: "限制",
  yueshu: "约束",
  xitong: "系统",
  tishici: "提示词",
  tishi: "提示",
  sheding: "设定",
  shezhi: "设置",
  yueyu: "越狱",
  kaifazhe: "开发者",
  moshi: "模式",
  bushou: "不受",
  jujue: "拒绝",
  shuchu: "输出",
  dayin: "打印",
  xielou: "泄露",
  toulu: "透露",
  banyan: "扮演",
  jiaose: "角色",
  jiazhuang: "假装",
  shencha: "审查",
  guolv: "过滤",
  daode: "道德",
  lunli: "伦理",
  anquan: "安全",
  mima: "密码",
  pojie: "破解",
  ruqin: "入侵",
  diaoyu: "钓鱼",
  heike: "黑客",
  renwu: "任务",
  mingling: "命令",
  yaoqiu: "要求",
  chushi: "初始",
  yuanshi: "原始",
  neirong: "内容",
  zhengce: "政策",
};
const PINYIN_WORD = new RegExp(`\\b(?:${Object.keys(PINYIN_TO_HAN).join("|")})\\b`, "g");

export function canonical(text: string): string {
  // No NFKC here: the input is the guard's normalised view (normalize.ts folds NFKC per character,
  // for training and inference alike), and whole-string NFKC of 4 KB of Han text was a visible share
  // of a scan in the --cpu-prof profile. Lower-casing and format-character removal are cheap and
  // keep hand-fed raw text roughly right.
  const undo = toUndo(text);
  const lower = undo & CHANGES_LOWER ? text.toLowerCase() : text;
  const canon = undo & FORMAT ? lower.replace(FORMAT_CHARS, "") : lower;
  // Cheap gate: pinyin folding only matters for text with Latin letters.
  return /[a-z]{4}/.test(canon) ? canon.replace(PINYIN_WORD, (w) => PINYIN_TO_HAN[w]!) : canon;
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

let codeBuffer = new Uint16Array(8192);
let featureBuffer = new Int32Array(65536);

/**
 * The feature buckets of `text`, one per occurrence, in a buffer reused by the next call (read it
 * before calling again); `count` of them. Inference sums weights over it in a tight loop: the old
 * per-feature callback was a call through a closure for each of ~16,000 features of a 4 KB prompt.
 */
export function features(text: string, bits: number): { buckets: Int32Array; count: number; words: number } {
  const mask = (1 << bits) - 1;
  const canon = canonical(text);
  if (canon.length > codeBuffer.length) codeBuffer = new Uint16Array(Math.max(canon.length, codeBuffer.length * 2));
  // at most MAX_N grams per character, plus a word and a bigram per word end
  if (canon.length * (MAX_N + 2) + 2 > featureBuffer.length) featureBuffer = new Int32Array(canon.length * (MAX_N + 2) + 2);
  const codes = codeBuffer; // reused across calls: inference runs on every scan
  const out = featureBuffer;
  let len = 0;
  for (let i = 0; i < canon.length; i++) {
    const c = canon.charCodeAt(i);
    if (isLetterOrDigit(c)) codes[len++] = c;
  }
  let count = 0;
  for (let i = 0; i < len; i++) {
    let h = 0x811c9dc5;
    for (let n = 0; n < MAX_N && i + n < len; n++) {
      h = Math.imul(h ^ codes[i + n]!, 0x01000193);
      out[count++] = fmix(h ^ (n + 1)) & mask;
    }
  }
  // Latin words: [a-z0-9]+ runs in the canonical text (ASCII after NFKC folds full-width forms).
  const words = count;
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
      out[count++] = w & mask;
      if (prev) out[count++] = fmix(Math.imul(prev, 31) ^ w ^ BIGRAM_SEED) & mask;
      prev = w;
      word = WORD_SEED;
      inWord = false;
    }
  }
  return { buckets: out, count, words };
}

/** Calls `emit(bucket)` once per feature occurrence; returns the number of occurrences (the trainer's view of features()). */
export function forEachFeature(text: string, bits: number, emit: (bucket: number) => void): number {
  const { buckets, count } = features(text, bits);
  for (let k = 0; k < count; k++) emit(buckets[k]!);
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
