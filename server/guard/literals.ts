/**
 * Required literals of a regular expression: a set of strings such that EVERY match of the pattern
 * contains at least one of them (null when no such set is known). The guard's rules are long
 * alternations that miss almost every text, yet each one cost a full regex pass over a 4 KB prompt;
 * with these sets, one literal pass over the text (gate.ts) tells which rules cannot match, and only
 * the others run. The same idea as RE2's and Hyperscan's prefilters, for the subset of syntax the
 * rules use.
 *
 * Soundness is what matters (a wrong set would silently drop a finding), so anything not understood
 * gives "no constraint": character classes larger than a few characters, `.`, \w \s, back-references,
 * case-insensitive or unicode-mode patterns. Lookarounds consume nothing and add nothing. Every rule's
 * verdicts are checked against the unfiltered run by tests/guard/gate.test.ts.
 */

/**
 * exact: every string the node can match (null: too many or unknown). all: literal sets such that
 * every match contains at least one string of EACH set (a conjunction: "how to" … "make" … "bomb").
 */
export type Info = { exact: string[] | null; all: string[][] };

const CAP = 64;
const EMPTY: Info = { exact: [""], all: [] };
const ANY: Info = { exact: null, all: [] };

/** How selective a literal set is: its weakest string's length, a non-ASCII character counting 1.5 (a Han character is most of a word). */
export function quality(set: readonly string[] | null): number {
  if (!set || set.length === 0) return -1;
  let worst = Infinity;
  for (const s of set) {
    let w = 0;
    for (let i = 0; i < s.length; i++) w += s.charCodeAt(i) < 128 ? 1 : 1.5;
    worst = Math.min(worst, w);
  }
  return worst;
}

function better(a: string[] | null, b: string[] | null): string[] | null {
  const qa = quality(a);
  const qb = quality(b);
  if (qa !== qb) return qa > qb ? a : b;
  if (!a || !b) return a ?? b;
  return b.length < a.length ? b : a;
}

/** The node's conjunction, counting its exact set when it cannot be empty. */
function allOf(info: Info): string[][] {
  return info.exact && !info.exact.includes("") ? [...info.all, info.exact] : info.all;
}

/** The single most selective set of a conjunction (what an alternative contributes to its alternation). */
function bestOf(all: string[][]): string[] | null {
  return all.reduce<string[] | null>((b, s) => better(b, s), null);
}

function product(a: string[], b: string[]): string[] | null {
  if (a.length * b.length > CAP) return null;
  const out = new Set<string>();
  for (const x of a) for (const y of b) out.add(x + y);
  return [...out];
}

function union(sets: string[][]): string[] {
  return [...new Set(sets.flat())];
}

const chars = (...cs: string[]): Info => ({ exact: cs, all: [] });
const DIGITS = chars(..."0123456789");

export class Parser {
  i = 0;
  constructor(readonly src: string) {}

  alternation(): Info {
    const alts: Info[] = [this.sequence()];
    while (this.src[this.i] === "|") {
      this.i++;
      alts.push(this.sequence());
    }
    if (alts.length === 1) return alts[0]!;
    const exacts = alts.map((a) => a.exact);
    const exact = exacts.every((e): e is string[] => e !== null) ? union(exacts) : null;
    const bests = alts.map((a) => bestOf(allOf(a)));
    const all = bests.every((m): m is string[] => m !== null) ? [union(bests)] : [];
    return { exact: exact && exact.length <= CAP ? exact : null, all };
  }

  sequence(): Info {
    const items: Info[] = [];
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") items.push(this.quantified(this.atom()));
    let exact: string[] | null = [""];
    const all: string[][] = [];
    // runs of consecutive exact items multiply out ("how" + " " + "to" → "how to"); a run that grows
    // past the cap is closed as a candidate and a new one starts
    let run: string[] | null = [""];
    const closeRun = () => {
      if (run && !run.includes("") && run.some((r) => r.length > 1)) all.push(run);
    };
    for (const item of items) {
      all.push(...item.all);
      exact = exact && item.exact ? product(exact, item.exact) : null;
      if (!item.exact) {
        closeRun();
        run = [""];
        continue;
      }
      const grown: string[] | null = run ? product(run, item.exact) : null;
      if (grown) run = grown;
      else {
        closeRun();
        run = item.exact;
      }
    }
    closeRun();
    return { exact, all };
  }

  quantified(atom: Info): Info {
    const c = this.src[this.i];
    let min: number;
    let max: number;
    if (c === "*" || c === "+" || c === "?") {
      this.i++;
      [min, max] = c === "*" ? [0, Infinity] : c === "+" ? [1, Infinity] : [0, 1];
    } else if (c === "{") {
      const m = /^\{(\d+)(,(\d*))?\}/.exec(this.src.slice(this.i));
      if (!m) return atom; // a literal "{" (not a quantifier outside unicode mode): atom() reads it next
      this.i += m[0].length;
      min = Number(m[1]);
      max = m[2] === undefined ? min : m[3] === "" ? Infinity : Number(m[3]);
    } else return atom;
    if (this.src[this.i] === "?") this.i++; // lazy: same language
    if (min === 0 && max === 1) return { exact: atom.exact ? union([atom.exact, [""]]) : null, all: [] };
    if (min === 0) return ANY;
    if (min === 1 && max === 1) return atom;
    let exact: string[] | null = null;
    if (min === max && atom.exact) {
      exact = [""];
      for (let k = 0; k < min && exact; k++) exact = product(exact, atom.exact);
    }
    return { exact, all: allOf(atom) };
  }

  atom(): Info {
    const c = this.src[this.i++]!;
    switch (c) {
      case "(":
        return this.group();
      case "[":
        return this.charClass();
      case ".":
        return ANY;
      case "^":
      case "$":
        return EMPTY;
      case "\\":
        return this.escape(false);
      case "*":
      case "+":
      case "?":
        throw new Error("nothing to repeat");
      default:
        return chars(c);
    }
  }

  group(): Info {
    let lookaround = false;
    if (this.src[this.i] === "?") {
      const rest = this.src.slice(this.i, this.i + 3);
      if (rest.startsWith("?:")) this.i += 2;
      else if (rest.startsWith("?=") || rest.startsWith("?!")) [this.i, lookaround] = [this.i + 2, true];
      else if (rest === "?<=" || rest === "?<!") [this.i, lookaround] = [this.i + 3, true];
      else if (rest.startsWith("?<")) this.i = this.src.indexOf(">", this.i) + 1;
      else throw new Error(`unknown group at ${this.i}`);
    }
    const inner = this.alternation();
    if (this.src[this.i++] !== ")") throw new Error("unbalanced group");
    return lookaround ? EMPTY : inner;
  }

  /** One escaped character (in a class when `inClass`): its code, or null for a set such as \w. */
  escapeChar(inClass: boolean): string | null | "digit" | "boundary" {
    const c = this.src[this.i++]!;
    const simple: Record<string, string> = { n: "\n", r: "\r", t: "\t", f: "\f", v: "\v", "0": "\0" };
    if (c === "0" && /\d/.test(this.src[this.i] ?? "")) return null; // a legacy octal escape
    if (c in simple) return simple[c]!;
    if (c === "d") return "digit";
    if (c === "b") return inClass ? "\b" : "boundary";
    if (c === "B") return inClass ? null : "boundary";
    if ("wWsSDpPk".includes(c) || /[1-9]/.test(c)) return null;
    if (c === "x" && /^[0-9a-fA-F]{2}/.test(this.src.slice(this.i))) {
      this.i += 2;
      return String.fromCharCode(parseInt(this.src.slice(this.i - 2, this.i), 16));
    }
    if (c === "u" && /^[0-9a-fA-F]{4}/.test(this.src.slice(this.i))) {
      this.i += 4;
      return String.fromCharCode(parseInt(this.src.slice(this.i - 4, this.i), 16));
    }
    if (c === "x" || c === "u" || c === "c") return null; // unusual forms: no constraint rather than a guess
    return c; // identity escape: \. \( \/ \- …
  }

  escape(inClass: boolean): Info {
    const e = this.escapeChar(inClass);
    if (e === "boundary") return EMPTY;
    if (e === "digit") return DIGITS;
    return e === null ? ANY : chars(e);
  }

  charClass(): Info {
    let negated = false;
    if (this.src[this.i] === "^") [negated, this.i] = [true, this.i + 1];
    const set = new Set<string>();
    let known = true;
    // "[]" matches nothing and "[^]" anything: both end up as "no constraint", which is always sound
    while (this.i < this.src.length && this.src[this.i] !== "]") {
      const lo = this.classChar();
      if (this.src[this.i] === "-" && this.src[this.i + 1] !== "]" && this.i + 1 < this.src.length) {
        this.i++;
        const hi = this.classChar();
        if (lo === null || hi === null || lo.length !== 1 || hi.length !== 1) known = false;
        else for (let k = lo.charCodeAt(0); k <= hi.charCodeAt(0) && set.size <= CAP; k++) set.add(String.fromCharCode(k));
      } else if (lo === null) known = false;
      else for (const ch of lo === "digit" ? "0123456789" : lo) set.add(ch);
    }
    if (this.src[this.i++] !== "]") throw new Error("unterminated class");
    if (negated || !known || set.size === 0 || set.size > 10) return ANY;
    return chars(...set);
  }

  classChar(): string | null {
    const c = this.src[this.i++]!;
    if (c !== "\\") return c;
    const e = this.escapeChar(true);
    return e === "boundary" ? null : e;
  }
}

/**
 * Fewer, shorter literals to look for, still sound: a string is cut to its first MAX_LENGTH characters
 * (a text containing the string contains its prefix), and a string containing another string of its
 * set adds nothing ("how do i" when "how do" is there). Product expansions ("the text you were
 * given", "the text you have been told"…) collapse to a handful of prefixes.
 */
const MAX_LENGTH = 6;
function minimal(set: string[]): string[] {
  const cut = [...new Set(set.map((s) => s.slice(0, MAX_LENGTH)))];
  return cut.filter((s) => !cut.some((o) => o !== s && s.includes(o)));
}

/** Sets weaker than this (a two-letter word, one Han character) pass almost every text: not worth a gate. */
export const MIN_QUALITY = 3;
const MAX_SETS = 4;

/**
 * The required literals of `re`: up to four sets, every match containing a string of each (an empty
 * list: no constraint known). Flags `g`, `m` (anchors only) and `y` are understood; `i`, `u`, `v` and
 * `s` patterns get no constraint (case folding and code points would need more care).
 */
export function requiredLiterals(re: RegExp): string[][] {
  if (/[iuvs]/.test(re.flags)) return [];
  try {
    const p = new Parser(re.source);
    const info = p.alternation();
    if (p.i !== re.source.length) return [];
    const seen = new Set<string>();
    return allOf(info)
      .filter((set) => quality(set) >= MIN_QUALITY)
      .map(minimal)
      .filter((set) => {
        const key = [...set].sort().join("\u0000");
        return !seen.has(key) && !!seen.add(key);
      })
      .sort((a, b) => quality(b) - quality(a) || a.length - b.length)
      .slice(0, MAX_SETS);
  } catch {
    return [];
  }
}
