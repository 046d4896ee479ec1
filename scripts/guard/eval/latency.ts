/** Latency on a 4 KB prompt (English and Chinese), after warm-up: every detecting system and the classifier alone. */
import { injectionScore } from "../../../server/guard/classifier";
import { normalize } from "../../../server/guard/normalize";
import type { SplitRow } from "../split";
import { percentile } from "./metrics";
import type { System } from "./systems";
import { timed } from "./timed";

export type Latency4k = { p50: number; p99: number; cpu50: number; cpu99: number };

function fourKb(texts: string[]): string {
  let out = "";
  for (const t of texts) {
    if (out.length >= 4096) break;
    out += t + "\n\n";
  }
  return out.slice(0, 4096);
}

export async function latency4k(list: System[], rows: SplitRow[]): Promise<Map<string, Latency4k>> {
  const en4k = fourKb(rows.filter((r) => r.set === "wildguard-benign").map((r) => r.text));
  const zh4k = fourKb(rows.filter((r) => r.set === "belle-eval-zh" && r.lang === "zh").map((r) => r.text));
  // Wall time AND this process's CPU time per call: the machine is shared, and under load the wall
  // p99 measures the neighbours' builds as much as the guard.
  const lat4k = new Map<string, Latency4k>();
  const bench = async (id: string, f: (t: string) => unknown) => {
    const lat: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 50; i++) await f(i % 2 ? en4k : zh4k);
    for (let i = 0; i < 400; i++) {
      const t = i % 2 ? en4k : zh4k;
      const c0 = process.cpuUsage();
      const { ms } = await timed(() => f(t));
      const c = process.cpuUsage(c0);
      lat.push(ms);
      cpu.push((c.user + c.system) / 1000);
    }
    lat4k.set(id, { p50: percentile(lat, 0.5), p99: percentile(lat, 0.99), cpu50: percentile(cpu, 0.5), cpu99: percentile(cpu, 0.99) });
  };
  for (const sys of list) if (sys.detect) await bench(sys.id, sys.detect);
  await bench("classifier-only", (t) => injectionScore(normalize(t).text));
  {
    // The classifier on text already normalised (what scan() hands it): the contract's < 0.3 ms budget.
    const n = normalize(en4k).text;
    const z = normalize(zh4k).text;
    await bench("classifier-core", (t) => injectionScore(t === en4k ? n : z));
  }
  return lat4k;
}
