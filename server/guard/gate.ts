/**
 * The rules' gate: ONE pass over a normalised view finds which of the rules' required literals
 * (literals.ts) occur in it, and only rules whose every literal set was hit are run. Before this,
 * each of the ~100 injection and harmful rules made its own regex pass over a 4 KB prompt, and those
 * passes were the largest share of a scan in the --cpu-prof profile; most of them miss most texts.
 *
 * A rule with no usable literal set is always run. The gate never changes a verdict: it only skips a
 * regex that cannot match (tests/guard/gate.test.ts checks that against random matches of every rule).
 *
 * The pass: at each position, the literals starting there are looked up by a hash of their first two
 * to four characters (a literal is filed under min(4, length) of them), so a bucket holds the few
 * literals sharing a 4-character prefix, not every literal starting with "th" (with 3-character keys
 * the English injection gate compared ~4,000 literals per 4 KB prompt, buckets of up to 29).
 */

import { requiredLiterals } from "./literals";
import { maxMatchLength } from "./match-length";

const KEY_MAX = 4;

function mix(h: number, c: number): number {
  return Math.imul(h ^ c, 0x01000193);
}

const pairOf = (c0: number, c1: number) => ((c0 << 7) ^ c1) & 0xffff;

/**
 * Round 7: an all-ASCII triple is checked against a direct bit set over 5-bit classes of its three
 * characters (letters by letter, either case; space; digits; four classes of other ASCII), kept as a
 * rolling 15-bit key, so an English position costs one table load instead of two hashes. The hashed
 * triple set is then only for triples with a non-ASCII character. Both are filters: a hit is still
 * looked up and compared in full.
 */
const CLASS = new Uint8Array(128);
for (let c = 0; c < 128; c++)
  CLASS[c] = c >= 97 && c <= 122 ? c - 97 : c >= 65 && c <= 90 ? c - 65 : c === 32 ? 26 : c >= 48 && c <= 57 ? 27 : 28 + (c & 3);
const classKey = (c0: number, c1: number, c2: number) => (CLASS[c0]! << 10) | (CLASS[c1]! << 5) | CLASS[c2]!;
const tripleOf = (c0: number, c1: number, c2: number) => Math.imul(Math.imul((c0 << 7) ^ c1, 0x9e3779b1) ^ c2, 0x85ebca6b) >>> 16;

export class LiteralGate {
  /** per rule: how many literal sets it needs (0: always runs) */
  private readonly needed: Uint8Array;
  private readonly literals: string[] = [];
  /** per literal: the (rule, set) pairs it satisfies, as rule * 8 + set */
  private readonly owners: number[][] = [];
  /**
   * Buckets in compressed form (typed arrays: this loop runs once per character of every scan):
   * slot = hash of (key length, first key-length characters); ids[from[slot] .. from[slot + 1]) are
   * its literals. Hash collisions only add candidates, each compared in full.
   */
  private readonly from: Int32Array;
  private readonly ids: Int32Array;
  private readonly mask: number;
  /** literal characters, flat: literal id's are codes[at[id] .. at[id + 1]) */
  private readonly codes: Uint16Array;
  private readonly at: Int32Array;
  /**
   * Hashed sets of the two-character literals and of the longer literals' first three characters:
   * most positions of a text start no literal, and these two loads say so. Bit sets (8 KB each), not
   * byte tables (64 KB each): looked up at random once per character, three gates' byte tables did
   * not stay in cache next to the classifier's weights, and the gate took a quarter of a scan.
   */
  private readonly pairs = new Uint32Array(2048);
  private readonly triples = new Uint32Array(2048);
  /** all-ASCII first three characters, by classKey (4 KB) */
  private readonly asciiTriples = new Uint32Array(1024);
  /** English rules have no two-character literals (Chinese ones do): then the pair check is skipped */
  private readonly hasPairs: boolean;
  /** no two-character literal starts with an ASCII character (none does): then ASCII positions skip it */
  private readonly asciiPairs: boolean;
  private readonly hits: Uint8Array;
  private readonly seen: Uint8Array;
  private readonly sets: Uint8Array;
  /**
   * Round 7: per rule, the longest match its pattern can make (-1: unbounded), and per (rule, set)
   * where the set was first hit. A match holds a literal of each set, so it cannot start more than
   * that length before the set's first occurrence: `searchFrom` (filled by scan()) says where each
   * rule's regex may begin its search.
   */
  private readonly reach: Int32Array;
  private readonly firstAt: Int32Array;
  readonly searchFrom: Int32Array;

  /** One entry per rule: a pattern (its required literals are extracted) or the literal sets themselves. */
  constructor(patterns: readonly (RegExp | string[][])[]) {
    this.needed = new Uint8Array(patterns.length);
    this.hits = new Uint8Array(patterns.length);
    this.sets = new Uint8Array(patterns.length);
    this.reach = Int32Array.from(patterns, (re) => {
      const max = re instanceof RegExp ? maxMatchLength(re) : Infinity;
      return Number.isFinite(max) ? max : -1;
    });
    this.firstAt = new Int32Array(patterns.length * 8);
    this.searchFrom = new Int32Array(patterns.length);
    const known = new Map<string, number>();
    patterns.forEach((re, rule) => {
      const sets = re instanceof RegExp ? requiredLiterals(re) : re;
      this.needed[rule] = sets.length;
      sets.forEach((set, k) => {
        for (const lit of set) {
          let id = known.get(lit);
          if (id === undefined) {
            id = this.literals.length;
            known.set(lit, id);
            this.literals.push(lit);
            this.owners.push([]);
          }
          this.owners[id]!.push(rule * 8 + k);
        }
      });
    });
    const count = this.literals.length;
    this.seen = new Uint8Array(count);
    this.at = new Int32Array(count + 1);
    this.codes = new Uint16Array(this.literals.reduce((n, l) => n + l.length, 0));
    this.literals.forEach((lit, id) => {
      this.at[id + 1] = this.at[id]! + lit.length;
      for (let j = 0; j < lit.length; j++) this.codes[this.at[id]! + j] = lit.charCodeAt(j);
    });
    let size = 16;
    while (size < count * 4) size *= 2;
    this.mask = size - 1;
    const slots = this.literals.map((lit) => {
      const k = Math.min(KEY_MAX, lit.length); // ≥ 2: literals.ts keeps no shorter ones
      let h = 0x811c9dc5;
      for (let j = 0; j < k; j++) h = mix(h, lit.charCodeAt(j));
      const [c0, c1, c2] = [lit.charCodeAt(0), lit.charCodeAt(1), lit.charCodeAt(2)];
      const ascii = c0 < 128 && c1 < 128 && c2 < 128;
      const bit = lit.length === 2 ? pairOf(c0, c1) : ascii ? classKey(c0, c1, c2) : tripleOf(c0, c1, c2);
      (lit.length === 2 ? this.pairs : ascii ? this.asciiTriples : this.triples)[bit >>> 5]! |= 1 << (bit & 31);
      return mix(h, k) & this.mask;
    });
    this.hasPairs = this.literals.some((l) => l.length === 2);
    this.asciiPairs = this.literals.some((l) => l.length === 2 && l.charCodeAt(0) < 128);
    this.from = new Int32Array(size + 1);
    for (const slot of slots) this.from[slot + 1]!++;
    for (let i = 0; i < size; i++) this.from[i + 1]! += this.from[i]!;
    this.ids = new Int32Array(count);
    const fill = this.from.slice(0, size);
    slots.forEach((slot, id) => (this.ids[fill[slot]!++] = id));
  }

  /** Which rules may match `view` (1) and which cannot (0). The array is reused by the next call. */
  scan(view: string): Uint8Array {
    const { needed, hits, seen, sets, pairs, triples, asciiTriples, from, ids, codes, at, owners, mask, hasPairs, asciiPairs, firstAt } =
      this;
    seen.fill(0);
    sets.fill(0); // per rule: a bit per literal set already hit
    const n = view.length;
    let c1 = n > 0 ? view.charCodeAt(0) : 0;
    let c2 = n > 1 ? view.charCodeAt(1) : 0;
    // rolling over (c0, c1, c2): their classKey, and a bit per character that is not ASCII
    let key = ((c1 < 128 ? CLASS[c1]! : 0) << 5) | (c2 < 128 ? CLASS[c2]! : 0);
    let wide = (c1 >= 128 ? 2 : 0) | (c2 >= 128 ? 1 : 0);
    for (let i = 0; i + 1 < n; i++) {
      const c0 = c1;
      c1 = c2;
      c2 = i + 2 < n ? view.charCodeAt(i + 2) : -1;
      key = ((key << 5) | (c2 >= 0 && c2 < 128 ? CLASS[c2]! : 0)) & 0x7fff;
      wide = ((wide << 1) | (c2 >= 128 ? 1 : 0)) & 7;
      let three = false;
      if (c2 < 0) three = false;
      else if (wide === 0) three = ((asciiTriples[key >>> 5]! >>> (key & 31)) & 1) === 1;
      else {
        const t = tripleOf(c0, c1, c2);
        three = ((triples[t >>> 5]! >>> (t & 31)) & 1) === 1;
      }
      let two = false;
      if (hasPairs && (asciiPairs || c0 >= 128)) {
        const p = pairOf(c0, c1);
        two = ((pairs[p >>> 5]! >>> (p & 31)) & 1) === 1;
      }
      if (!two && !three) continue;
      const h2 = mix(mix(0x811c9dc5, c0), c1);
      const h3 = three ? mix(h2, c2) : 0;
      const c3 = three && i + 3 < n ? view.charCodeAt(i + 3) : -1;
      for (let k = 2; k <= KEY_MAX; k++) {
        if (k === 2 ? !two : !three || (k === 4 && c3 < 0)) continue;
        const slot = mix(k === 2 ? h2 : k === 3 ? h3 : mix(h3, c3), k) & mask;
        for (let b = from[slot]!, e = from[slot + 1]!; b < e; b++) {
          const id = ids[b]!;
          if (seen[id]) continue;
          const s = at[id]!;
          const len = at[id + 1]! - s;
          if (i + len > n) continue;
          let j = 0;
          while (j < len && view.charCodeAt(i + j) === codes[s + j]) j++;
          if (j < len) continue;
          seen[id] = 1;
          for (const o of owners[id]!) {
            const bit = 1 << (o & 7);
            if ((sets[o >> 3]! & bit) !== 0) continue;
            sets[o >> 3]! |= bit;
            firstAt[o] = i; // positions are visited in order: the set's first occurrence
          }
        }
      }
    }
    const { reach, searchFrom } = this;
    for (let r = 0; r < needed.length; r++) {
      hits[r] = needed[r] === 0 || sets[r] === (1 << needed[r]!) - 1 ? 1 : 0;
      let start = 0;
      if (hits[r] === 1 && needed[r]! > 0 && reach[r]! >= 0) {
        for (let k = 0; k < needed[r]!; k++) start = Math.max(start, firstAt[r * 8 + k]! - reach[r]!);
      }
      searchFrom[r] = start;
    }
    return hits;
  }
}
