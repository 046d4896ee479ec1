/**
 * The longest match a regular expression can make, in UTF-16 units (Infinity when unbounded or not
 * understood). Speed, round 7: a rule's match contains one of its required literals (literals.ts), so
 * it starts at most this far before the first occurrence of that literal set, and the rule's regex
 * (which the literal gate let through, and which misses most texts) can begin its search there
 * instead of at the start of a 4 KB view (gate.ts, rule-gate.ts).
 *
 * Built on literals.ts's parser; only the lengths are added. Lookarounds and \b consume nothing;
 * back-references, unbounded repeats and unknown syntax give Infinity. Case-insensitive, unicode and
 * dotAll patterns are not analysed (Infinity): the gate gives them no literal anyway.
 */

import { Parser, type Info } from "./literals";

type Sized = Info & { max?: number };

class LengthParser extends Parser {
  override alternation(): Sized {
    let max = 0;
    const first: Sized = this.sequence();
    max = first.max ?? Infinity;
    let out = first;
    while (this.src[this.i] === "|") {
      this.i++;
      const next: Sized = this.sequence();
      max = Math.max(max, next.max ?? Infinity);
      out = next;
    }
    return { exact: null, all: out.all, max };
  }

  override sequence(): Sized {
    let max = 0;
    while (this.i < this.src.length && this.src[this.i] !== "|" && this.src[this.i] !== ")") {
      const item: Sized = this.quantified(this.atom());
      max += item.max ?? Infinity;
    }
    return { exact: null, all: [], max };
  }

  override atom(): Sized {
    const c = this.src[this.i];
    const next = this.src[this.i + 1] ?? "";
    const rest = this.src.slice(this.i + 1, this.i + 4);
    const info: Sized = super.atom();
    if (c === "(") {
      const look = rest.startsWith("?=") || rest.startsWith("?!") || rest.startsWith("?<=") || rest.startsWith("?<!");
      return { ...info, max: look ? 0 : (info.max ?? Infinity) };
    }
    if (c === "^" || c === "$") return { ...info, max: 0 };
    if (c === "\\") {
      if (next === "b" || next === "B") return { ...info, max: 0 };
      if (/[1-9k]/.test(next)) return { ...info, max: Infinity }; // a back-reference
      return { ...info, max: 1 };
    }
    return { ...info, max: 1 }; // a character, a class or "."
  }

  override quantified(atom: Sized): Sized {
    const at = this.i;
    const out = super.quantified(atom);
    if (this.i === at) return { ...out, max: atom.max ?? Infinity };
    const text = this.src.slice(at, this.i);
    const q = text.length > 1 && text.endsWith("?") ? text.slice(0, -1) : text; // a lazy mark
    const m = /^\{(\d+)(,(\d*))?\}$/.exec(q);
    const times = q === "?" ? 1 : m ? (m[2] === undefined ? Number(m[1]) : m[3] === "" ? Infinity : Number(m[3])) : Infinity;
    const each = atom.max ?? Infinity;
    return { ...out, max: times === 0 || each === 0 ? 0 : each * times };
  }
}

export function maxMatchLength(re: RegExp): number {
  if (/[iuvs]/.test(re.flags)) return Infinity;
  try {
    const p = new LengthParser(re.source);
    const info: Sized = p.alternation();
    return p.i === re.source.length ? (info.max ?? Infinity) : Infinity;
  } catch {
    return Infinity;
  }
}
