/**
 * Development aid for the injection RULES (round 2), on training data only: which share of the
 * TRAIN-side attack rows the rules alone catch, per set and family, and how many TRAIN-side benign
 * rows they flag. zh-intent-synthetic was generated after the rules were written, so its rows are
 * the dev slice that says whether a Chinese rule generalises beyond the zh-injection train seeds.
 * Test rows are never loaded. `npx tsx scripts/guard/dev-rules.ts [--misses set]`
 */
import { INJECTION_RULES } from "../../server/guard/detectors/injection-rules";
import { normalize } from "../../server/guard/normalize";
import { loadTextRows } from "./datasets";
import { splitRows, trainingRows } from "./split";

const rows = trainingRows(splitRows(loadTextRows()));
const showMisses = process.argv.includes("--misses") ? process.argv[process.argv.indexOf("--misses") + 1] : null;
const showFp = process.argv.includes("--fp") ? process.argv[process.argv.indexOf("--fp") + 1] : null;

/** Rules only, combined as detectInjection combines distinct cues (1 − Π(1 − s)); the classifier is left out. */
function fires(text: string): string | null {
  const n = normalize(text);
  const cues = new Map<string, number>();
  for (const r of INJECTION_RULES) {
    r.re.lastIndex = 0;
    if (r.re.test(r.view === "text" ? n.text : n.compact))
      cues.set(`${r.type}/${r.reason}`, Math.max(cues.get(`${r.type}/${r.reason}`) ?? 0, r.score));
  }
  if (!cues.size) return null;
  const best = Math.max(...cues.values());
  const combined = cues.size > 1 ? 1 - [...cues.values()].reduce((p, s) => p * (1 - s), 1) : 0;
  return Math.max(best, Math.min(0.99, combined)) >= 0.7 ? [...cues.keys()].join("+") : null;
}

const stats = new Map<string, { n: number; hit: number }>();
for (const r of rows) {
  const hit = fires(r.text);
  const key = `${r.set}/${r.kind}/${r.file}`;
  const s = stats.get(key) ?? { n: 0, hit: 0 };
  s.n++;
  if (hit) s.hit++;
  stats.set(key, s);
  if (showMisses && r.set === showMisses && r.kind === "attack" && !hit) console.log("MISS", r.text.slice(0, 140).replace(/\n/g, " "));
  if (showFp && r.set === showFp && r.kind !== "attack" && hit) console.log("FP", hit, r.text.slice(0, 140).replace(/\n/g, " "));
}
for (const [k, s] of [...stats].sort())
  console.log(`${k.padEnd(60)} n=${String(s.n).padStart(5)} rate=${((100 * s.hit) / s.n).toFixed(1)} %`);
