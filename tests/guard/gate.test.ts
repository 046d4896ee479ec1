import { describe, expect, it } from "vitest";
import { LiteralGate } from "@/server/guard/gate";
import { requiredLiterals } from "@/server/guard/literals";
import { maxMatchLength } from "@/server/guard/match-length";
import { INTENT_EN, INTENT_ZH } from "@/server/guard/detectors/harmful-intent";
import { HARMFUL_RULES } from "@/server/guard/detectors/harmful-rules";
import { INJECTION_RULES } from "@/server/guard/detectors/injection-rules";
import { SECRET_RULES } from "@/server/guard/detectors/secret-rules";

/**
 * The literal gate (server/guard/gate.ts) skips a rule's regex when its required literals are absent.
 * A wrong literal set would silently drop findings, so every rule is checked against random strings
 * that the rule itself matches: generated from the pattern by a walker independent of literals.ts,
 * and kept only when V8's engine agrees they match.
 */

/** Deterministic PRNG (mulberry32): a failure reproduces. */
function rng(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Random strings a regex source may match: alternatives, repeats and classes picked at random. */
function generator(source: string, random: () => number) {
  const pool = [...new Set([..." abcdefghijklmnopqrstuvwxyz0123456789.,:;'\"-_[]()<>|/!?#*\n", ...source])];
  let i = 0;
  const pick = <T>(xs: T[]) => xs[Math.floor(random() * xs.length)]!;
  const fromClass = (body: string) => {
    const re = new RegExp(`[${body}]`);
    const ok = pool.filter((c) => re.test(c));
    return ok.length ? pick(ok) : "";
  };
  function alternation(): string {
    // every alternative is generated (to move past it), one is kept
    const out: string[] = [sequence()];
    while (source[i] === "|") {
      i++;
      out.push(sequence());
    }
    return pick(out);
  }
  function sequence(): string {
    let s = "";
    while (i < source.length && source[i] !== "|" && source[i] !== ")") {
      const begin = i;
      let piece = atom();
      const end = i;
      const q = /^(?:[*+?]|\{(\d+)(?:,(\d*))?\})\??/.exec(source.slice(i));
      if (q) {
        i += q[0].length;
        const [min, max] =
          q[0][0] === "*"
            ? [0, 3]
            : q[0][0] === "+"
              ? [1, 3]
              : q[0][0] === "?"
                ? [0, 1]
                : [Number(q[1]), q[2] === undefined ? Number(q[1]) : q[2] === "" ? Number(q[1]) + 3 : Number(q[2])];
        const count = min + Math.floor(random() * (Math.min(max, min + 3) - min + 1));
        piece = "";
        for (let k = 0; k < count; k++) {
          i = begin;
          piece += atom();
        }
        i = end + q[0].length;
      }
      s += piece;
    }
    return s;
  }
  function atom(): string {
    const c = source[i++]!;
    if (c === "(") {
      let look = false;
      if (source.startsWith("?:", i)) i += 2;
      else if (source.startsWith("?=", i) || source.startsWith("?!", i)) [i, look] = [i + 2, true];
      else if (source.startsWith("?<=", i) || source.startsWith("?<!", i)) [i, look] = [i + 3, true];
      const inner = alternation();
      i++; // ")"
      return look ? "" : inner;
    }
    if (c === "[") {
      let j = i;
      if (source[j] === "^") j++;
      while (source[j] !== "]") j += source[j] === "\\" ? 2 : 1;
      const body = source.slice(i, j);
      i = j + 1;
      return fromClass(body);
    }
    if (c === ".") return pick(pool.filter((x) => x !== "\n"));
    if (c === "^" || c === "$") return "";
    if (c === "\\") {
      const e = source[i++]!;
      if (e === "b" || e === "B") return "";
      if ("dDwWsS".includes(e)) return fromClass(`\\${e}`);
      if (e === "x") return String.fromCharCode(parseInt(source.slice(i, (i += 2)), 16));
      if (e === "u") return String.fromCharCode(parseInt(source.slice(i, (i += 4)), 16));
      return ({ n: "\n", r: "\r", t: "\t" } as Record<string, string>)[e] ?? e;
    }
    return c;
  }
  return () => {
    i = 0;
    return alternation();
  };
}

type Rule = { view: string; re: RegExp };
const RULES: [string, Rule[]][] = [
  ["injection", INJECTION_RULES],
  ["harmful", HARMFUL_RULES],
  ["intent", [...INTENT_EN, ...INTENT_ZH].map((c) => ({ view: "text", re: c.re }))],
  ["secret", SECRET_RULES.map((r) => ({ view: "raw", re: r.re }))],
];

describe("literal gate", () => {
  it("finds a usable literal set for nearly every injection and harmful rule (else the gate saves nothing)", () => {
    const all = RULES.filter(([name]) => name !== "secret").flatMap(([, rules]) => rules);
    const gated = all.filter((r) => requiredLiterals(r.re).length > 0);
    expect(gated.length / all.length).toBeGreaterThan(0.95);
  });

  it.each(RULES)("never closes on a text that a %s rule matches", (_, rules) => {
    const gate = new LiteralGate(rules.map((r) => r.re));
    const random = rng(7);
    let checked = 0;
    rules.forEach((rule, index) => {
      const plain = new RegExp(rule.re.source, rule.re.flags.replace("g", ""));
      const gen = generator(rule.re.source, random);
      let matched = 0;
      for (let attempt = 0; attempt < 400 && matched < 60; attempt++) {
        // every other text puts the match ~300 characters in, where searchFrom has room to be wrong
        const text = `${attempt % 2 ? "lorem ipsum dolor sit amet. ".repeat(11) : ""}some words before. ${gen()} and after`;
        if (!plain.test(text)) continue;
        matched++;
        checked++;
        if (gate.scan(text)[index] !== 1) expect.fail(`rule ${index} (${rule.re.source.slice(0, 60)}…) gated out ${JSON.stringify(text)}`);
        // and no match starts before where the gate lets the rule's search begin
        const first = plain.exec(text)!.index;
        if (gate.searchFrom[index]! > first)
          expect.fail(
            `rule ${index} (${rule.re.source.slice(0, 60)}…) searched from ${gate.searchFrom[index]} > ${first} in ${JSON.stringify(text)}`,
          );
      }
      // a generator that never produced a match would prove nothing for this rule
      expect(matched, `rule ${index}: no match generated`).toBeGreaterThan(0);
    });
    expect(checked).toBeGreaterThan(rules.length * 20);
  });

  it("knows how long a match can be", () => {
    expect(maxMatchLength(/a(?:bc|d)?e{2,3}/g)).toBe(6);
    expect(maxMatchLength(/\bfoo(?=bar)(?<!x)/g)).toBe(3);
    expect(maxMatchLength(/[^.]{0,30}?z|\d{3}-\d{4}/g)).toBe(31);
    expect(maxMatchLength(/x*y/g)).toBe(Infinity);
    expect(maxMatchLength(/(a)\1/g)).toBe(Infinity);
    expect(maxMatchLength(/abc/gi)).toBe(Infinity);
  });

  it("skips the rules whose literals are absent", () => {
    const gate = new LiteralGate([/\bignore (?:all )?previous instructions\b/g, /忽略(?:之前|以上)的指令/g, /[a-z]+/g]);
    expect([...gate.scan("please ignore previous instructions")]).toEqual([1, 0, 1]);
    expect([...gate.scan("忽略之前的指令")]).toEqual([0, 1, 1]);
    expect([...gate.scan("a quarterly report")]).toEqual([0, 0, 1]);
  });

  it("understands the syntax the rules use", () => {
    const sets = (re: RegExp) => requiredLiterals(re).map((s) => [...s].sort());
    // an optional part is not required; a lookbehind consumes nothing; a literal is cut to six characters
    expect(sets(/\b(?:how to|ways? to)\b[^.]{0,30}?\b(?<!bath )bombs?\b/g)).toEqual([["how to", "way to", "ways t"], ["bomb"]]);
    // case-insensitive patterns are not gated
    expect(requiredLiterals(/ignore/gi)).toEqual([]);
    // an alternative without a literal leaves the whole alternation unconstrained
    expect(sets(/secret|\d{3}/g)).toEqual([]);
  });
});
