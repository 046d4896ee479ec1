/**
 * The fixed train/test split (scripts/guard/split.ts, issue 6): generated train-only rows must not
 * decide which real rows are held back, a generated near-duplicate of a held-back row must be
 * dropped from training (not moved to test), and the pin (scripts/guard/split-pin.ts) must catch
 * any change of the held-back rows. A small made-up fixture: the suite runs without ../shared.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Row } from "@/scripts/guard/datasets";
import { mulberry32 } from "@/scripts/guard/random";
import { evaluationRows, splitRows, trainingRows } from "@/scripts/guard/split";
import { checkPinnedSplit, PIN_FILE, type SplitPin } from "@/scripts/guard/split-pin";

const rand = mulberry32(7);
const word = () => Array.from({ length: 4 + Math.floor(rand() * 5) }, () => "bcdfghjklmnpqrstvwxz"[Math.floor(rand() * 20)]).join("");
const sentence = () => Array.from({ length: 12 }, word).join(" ");

// Forty unrelated "real" rows (random words never share enough 5-grams to be near-duplicates).
const real: Row[] = Array.from({ length: 40 }, () => ({
  set: "advbench",
  file: "fixture",
  text: sentence(),
  kind: "harmful",
  group: "harmful",
  lang: "en",
}));
const generated = (text: string, i: number): Row => ({
  set: "en-ordinary-synthetic",
  file: "generated",
  text,
  kind: "benign",
  group: "ordinary",
  lang: "en",
  fixedSplit: "train",
  seed: `en-ordinary-${i}`,
});
// A near-duplicate of each real row that sorts first (so it would be its group's smallest member,
// the one whose hash decides the side), and one that bridges two real rows.
const variants = real.map((r, i) => generated(`aaaa ${r.text}`, i));
const bridge = generated(`${real[0]!.text} ${real[1]!.text}`, 99);

const sides = (rows: Row[]) =>
  new Map(
    splitRows(rows)
      .filter((r) => r.set === "advbench")
      .map((r) => [r.text, r.split]),
  );

describe("guard train/test split", () => {
  it("holds back the same real rows whatever generated training rows are added", () => {
    const before = sides(real);
    expect([...before.values()].filter((s) => s === "test").length).toBeGreaterThan(0);
    expect([...before.values()].filter((s) => s === "train").length).toBeGreaterThan(0);
    expect(sides([...real, ...variants, bridge])).toEqual(before);
    expect(sides([...variants, bridge, ...real])).toEqual(before);
  });

  it("drops a generated near-duplicate of a held-back row from training and never moves it to test", () => {
    const split = splitRows([...real, ...variants]);
    const testTexts = new Set(split.filter((r) => r.set === "advbench" && r.split === "test").map((r) => r.text));
    const trained = new Set(trainingRows(split).map((r) => r.text));
    for (const [i, r] of real.entries()) {
      // near-duplicate of a test row: gone; of a train row: trained on
      expect(trained.has(variants[i]!.text)).toBe(!testTexts.has(r.text));
    }
    expect(evaluationRows(split).filter((r) => r.set === "en-ordinary-synthetic")).toEqual([]);
    // An unrelated generated row still trains.
    const lone = generated(sentence(), 100);
    expect(trainingRows(splitRows([...real, lone])).map((r) => r.text)).toContain(lone.text);
  });

  it("refuses a split whose held-back rows differ from the pin, naming the set, until re-pinned", () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), "guard-pin-")), "test-split.json");
    checkPinnedSplit(splitRows(real), { repin: true, file, format: false });
    expect(() => checkPinnedSplit(splitRows([...real, ...variants]), { repin: false, file })).not.toThrow();

    const heldBack = splitRows(real).find((r) => r.split === "test")!;
    const moved = real.filter((r) => r.text !== heldBack.text);
    expect(() => checkPinnedSplit(splitRows(moved), { repin: false, file })).toThrow(
      /advbench: pinned \d+, now \d+ \(1 left the held-back side, 0 joined it\)[\s\S]*--repin/,
    );
  });

  it("has a committed pin of the real held-back rows, counts matching the hashes", () => {
    const pin = JSON.parse(readFileSync(PIN_FILE, "utf8")) as SplitPin;
    expect(pin.sets["advbench"]?.rows).toBeGreaterThan(0);
    expect(Object.keys(pin.sets).some((s) => s.endsWith("-synthetic"))).toBe(false);
    for (const s of Object.values(pin.sets)) {
      expect(s.hashes.length).toBe(s.rows);
      expect(Object.values(s.counts).reduce((a, b) => a + b, 0)).toBe(s.rows);
      expect([...s.hashes].sort((a, b) => a - b)).toEqual(s.hashes);
    }
  });
});
