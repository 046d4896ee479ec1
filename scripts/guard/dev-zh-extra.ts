/**
 * Development aid (round 4): the SHIPPED guard (scan, default policy) on the extra hand-written
 * Chinese seeds (scripts/guard/zh/extra-seeds.ts, TRAIN side only), each seed × every obfuscation
 * trick × three openers and train-half payloads, per batch, family and trick. Run before a batch
 * was looked at or trained on, it says how the guard generalises to new sentences (the round-4
 * figures are in extra-seeds.ts). Test rows are never read.
 * `npx tsx scripts/guard/dev-zh-extra.ts [--misses]`
 */
import { DEFAULT_POLICY, scan } from "../../server/guard";
import { mulberry32 } from "./random";
import { EXTRA_ATTACKS } from "./zh/extra-seeds";
import { ATTACK_PREFIXES, GOALS, HIJACK_OUTPUTS } from "./zh/templates";
import { applyTrick, TRICKS } from "./zh/tricks";

const goals = GOALS.filter((_, i) => i % 2 === 0); // the train half only
const outs = HIJACK_OUTPUTS.filter((_, i) => i % 2 === 0);
const acc = new Map<string, { n: number; hit: number }>();
const rand = mulberry32(7);
for (const seed of EXTRA_ATTACKS)
  for (const trick of ["none", ...TRICKS] as const)
    for (let g = 0; g < 3; g++) {
      const plain =
        ATTACK_PREFIXES[g % ATTACK_PREFIXES.length]! +
        seed.text.replaceAll("{goal}", goals[(g * 3 + seed.text.length) % goals.length]!).replaceAll("{out}", outs[g % outs.length]!);
      const text = trick === "none" ? plain : applyTrick(trick, plain, rand);
      const v = scan(text, { direction: "input", policy: DEFAULT_POLICY });
      const hit = v.action !== "allow";
      for (const k of [`batch ${seed.batch}`, `family ${seed.family}`, `trick ${trick}`]) {
        const a = acc.get(k) ?? { n: 0, hit: 0 };
        a.n++;
        if (hit) a.hit++;
        acc.set(k, a);
      }
      if (!hit && process.argv.includes("--misses"))
        console.log(
          `MISS ${seed.batch} ${trick} ${v.findings.map((f) => `${f.reason}:${f.score}`).join(",")} ${text.replace(/\s+/g, " ")}`,
        );
    }
for (const [k, a] of [...acc].sort())
  console.log(`${k.padEnd(40)} n=${String(a.n).padStart(4)} recall=${((100 * a.hit) / a.n).toFixed(1)} %`);
