/**
 * Chinese keyword obfuscations that a per-character fold cannot undo safely: a character written as
 * its two components (扌巴 for 把, 石马 for 码) and a homophone standing in for one character of an
 * attack keyword (密玛 for 密码, 指今 for 指令, 忽路 for 忽略). normalize.ts runs foldKeywords() on
 * its folded buffer, so traditional forms and look-alikes are already simplified here.
 *
 * Two kinds of entry, by how safe they are outside an attack:
 * - a bare side-radical (扌 讠 纟 亻 …) followed by the rest of a character: these radicals are not
 *   written alone in ordinary text, so the pair folds wherever it occurs;
 * - everything else folds only as a whole word of the attack lexicon: 女子 is "woman" (女子学校),
 *   路 is "road", 今 is "now", so neither the split nor the homophone is folded character by
 *   character — only "密玛" as a whole becomes 密码, and not before a character that makes the
 *   ordinary reading the likely one ("指今天" is "refers to today", "指领导" "refers to the leader").
 *   Splits of ordinary characters whose keyword no rule uses (女子 → 好, 口十 → 古) are left out:
 *   folding them could only cost false positives.
 *
 * Offsets: a fold of n units into m ≤ n keeps the original range of the units it replaced, so a
 * finding on 把 highlights the whole 扌巴.
 */

type Entry = {
  /** the obfuscated sequence, in the normaliser's folded form */
  from: string;
  to: string;
  /** how many units of `from` make each unit of `to` */
  parts: readonly number[];
  /** no fold when the next unit is one of these */
  unlessNext: string;
};

/** Bare side-radicals + the rest of a character: [radical, rest, character]. */
const RADICAL_SPLITS: readonly [string, string, string][] = [
  ["扌", "巴", "把"],
  ["扌", "旨", "指"],
  ["扌", "是", "提"],
  ["扌", "丁", "打"],
  ["扌", "丸", "执"],
  ["讠", "司", "词"],
  ["讠", "兑", "说"],
  ["讠", "殳", "设"],
  ["讠", "己", "记"],
  ["讠", "吾", "语"],
  ["讠", "青", "请"],
  ["讠", "人", "认"],
  ["纟", "充", "统"],
  ["纟", "色", "绝"],
  ["纟", "勺", "约"],
  ["亻", "尔", "你"],
  ["忄", "夬", "快"],
];

/**
 * The attack lexicon (the keywords of the zh rules that the set's tricks target) with, per
 * character, what stands in for it: a homophone (one character) or an ordinary-character split (two).
 * A word is folded when exactly one of its characters is replaced, so the rest anchors the reading.
 */
const LEXICON: readonly { word: string; alts: Record<string, readonly string[]>; unlessNext?: string }[] = [
  { word: "忽略", alts: { 忽: ["勿心"], 略: ["路", "络", "掠", "田各"] } },
  // not 指拎: 手指拎着
  { word: "指令", alts: { 令: ["领", "今", "伶", "玲", "铃"] }, unlessNext: "天年日后晚早夜朝世生导域袖先会悟取带土" },
  { word: "密码", alts: { 码: ["玛", "石马", "犸"] } },
  { word: "系统", alts: { 统: ["桶", "筒"] } }, // not 细统 / 戏统 / 系捅: 详细统计, 游戏统计, 关系捅破
  { word: "提示词", alts: { 提: ["题", "啼"], 示: ["事", "式", "士"], 词: ["祠", "瓷"] } }, // not 辞 / 磁: 提示辞职, 提示磁盘
  { word: "规则", alts: { 规: ["龟", "夫见"], 则: ["泽", "择"] } }, // not 归则: 回归则
  { word: "拒绝", alts: { 绝: ["觉", "爵", "决"] } },
  { word: "越狱", alts: { 越: ["悦", "粤"], 狱: ["浴"] } }, // not 越玉 / 越欲: 翻越玉龙, 超越欲望
  { word: "无视", alts: { 无: ["吴", "巫"] } }, // not 午视: 中午视频
  { word: "设定", alts: { 设: ["射"], 定: ["锭"] } }, // not 社定 / 设订: 本社定期, 预设订单
  { word: "输出", alts: { 输: ["车俞"] } }, // not 书出: 这本书出了
  { word: "忘记", alts: { 忘: ["亡心"] } }, // not 旺记: a shop name
];

function buildEntries(): Entry[] {
  const out: Entry[] = RADICAL_SPLITS.map(([r, rest, to]) => ({ from: r + rest, to, parts: [2], unlessNext: "" }));
  for (const { word, alts, unlessNext = "" } of LEXICON) {
    const chars = [...word];
    chars.forEach((ch, i) => {
      for (const alt of alts[ch] ?? []) {
        const from = chars.slice(0, i).join("") + alt + chars.slice(i + 1).join("");
        out.push({ from, to: word, parts: chars.map((_, k) => (k === i ? alt.length : 1)), unlessNext });
      }
    });
  }
  // longest first, so that a longer keyword wins over a radical split it contains
  return out.sort((a, b) => b.from.length - a.from.length);
}

const ENTRIES = buildEntries();
/**
 * Entries by their first unit. `firsts` / `seconds` say whether any entry has that unit first /
 * second: 提, 设, 无 are common enough in ordinary Chinese that the first alone would send many
 * units to the map. `firsts` is a bitset (8 KB, stays in the L1 cache): as a byte per unit, the
 * look-up of every Han character of a 4 KB prompt was a cache miss, and the pass cost twice as much.
 */
const BY_FIRST = new Map<number, Entry[]>();
const firsts = new Int32Array(2048);
const seconds = new Uint8Array(65536);
for (const e of ENTRIES) {
  const c = e.from.charCodeAt(0);
  firsts[c >>> 5]! |= 1 << (c & 31);
  seconds[e.from.charCodeAt(1)] = 1;
  const list = BY_FIRST.get(c);
  if (list) list.push(e);
  else BY_FIRST.set(c, [e]);
}

/**
 * Separators the spacing trick puts between Han characters ("忽 路", "忽.路", "忽/路"): one of them
 * (the normaliser has already collapsed whitespace runs to one space) may stand between two units
 * of an entry. Without this, "忽 路" kept its homophone: the compact view drops the space, but it is
 * built after the fold. Only these five: a comma or a full stop between two characters is a
 * sentence boundary, not an obfuscation.
 */
const isSeparator = (c: number) => c === 32 || c === 46 || c === 45 || c === 47 || c === 42;

/** Where the entry's match starting at `at` ends (exclusive), or -1: one separator allowed between units. */
function matchEnd(cs: Uint16Array, at: number, len: number, e: Entry): number {
  const f = e.from;
  let p = at + 1;
  for (let k = 1; k < f.length; k++) {
    if (p < len && isSeparator(cs[p]!) && p + 1 < len && cs[p + 1] === f.charCodeAt(k)) p++;
    if (p >= len || cs[p] !== f.charCodeAt(k)) return -1;
    p++;
  }
  if (e.unlessNext && p < len) {
    // the ordinary reading's next character counts across a separator too ("指 今 天" is still "today")
    const q = isSeparator(cs[p]!) && p + 1 < len ? p + 1 : p;
    if (e.unlessNext.includes(String.fromCharCode(cs[q]!))) return -1;
  }
  return p;
}

/** The entry that matches at `at`, and where its match ends, if any (longest first). */
let hitEnd = 0;
function entryAt(cs: Uint16Array, at: number, len: number): Entry | undefined {
  for (const e of BY_FIRST.get(cs[at]!)!) {
    const end = matchEnd(cs, at, len, e);
    if (end >= 0) {
      hitEnd = end;
      return e;
    }
  }
  return undefined;
}

/** Whether the unit after `r` (or after one separator) can be an entry's second unit: the cheap pre-check. */
const secondAfter = (cs: Uint16Array, r: number, len: number) =>
  r + 1 < len && (seconds[cs[r + 1]!] === 1 || (isSeparator(cs[r + 1]!) && r + 2 < len && seconds[cs[r + 2]!] === 1));

/**
 * Folds the entries in place over the first `len` units of the normaliser's buffers (units, original
 * starts, original ends) and returns the new length (never longer). Allocates nothing. Most texts
 * have no fold at all: the first loop only looks (two typed-array look-ups per unit, nothing
 * written), and the second, which moves units down behind a shortening fold, starts at the first hit.
 */
export function foldKeywords(cs: Uint16Array, ss: Int32Array, es: Int32Array, len: number): number {
  const first = firsts;
  const last = len - 1;
  let r = 0;
  while (r < last) {
    const c = cs[r]!;
    if ((first[c >>> 5]! >>> (c & 31)) & 1 && secondAfter(cs, r, len) && entryAt(cs, r, len)) break;
    r++;
  }
  return r < last ? foldFrom(cs, ss, es, len, r) : len;
}

function foldFrom(cs: Uint16Array, ss: Int32Array, es: Int32Array, len: number, r: number): number {
  let w = r;
  while (r < len) {
    const c = cs[r]!;
    const hit = (firsts[c >>> 5]! >>> (c & 31)) & 1 && secondAfter(cs, r, len) ? entryAt(cs, r, len) : undefined;
    if (hit && hit.parts.length === 1) {
      // a split character: put it in place of the split's last unit and read it again, so that it
      // can begin a lexicon word that has a second obfuscation in it (扌是示祠 → 提示祠 → 提示词)
      const end = hitEnd;
      cs[end - 1] = hit.to.charCodeAt(0);
      ss[end - 1] = ss[r]!;
      r = end - 1;
      continue;
    }
    if (hit) {
      // the units of each part, skipping a separator between units (matchEnd allowed one there)
      let p = r;
      for (let k = 0; k < hit.parts.length; k++) {
        const start = p;
        for (let u = 0; u < hit.parts[k]!; u++) {
          if (p > r && isSeparator(cs[p]!)) p++;
          p++;
        }
        const from = start < p - 1 && isSeparator(cs[start]!) ? start + 1 : start;
        cs[w] = hit.to.charCodeAt(k);
        ss[w] = ss[from]!;
        es[w] = es[p - 1]!;
        w++;
      }
      r = p;
      continue;
    }
    if (w !== r) {
      cs[w] = c;
      ss[w] = ss[r]!;
      es[w] = es[r]!;
    }
    w++;
    r++;
  }
  return w;
}
