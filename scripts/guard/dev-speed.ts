/**
 * Development aid for speed work (round 7): an old copy of the guard and this tree's, timed in ONE
 * process, interleaved call by call, on three 4 KB prompts (the perf test's, wildguard-benign English,
 * belle-eval-zh Chinese). The box is shared, so each round also times a reference workload (the perf
 * test's: normalise, lower-case, split, count) and prints the load average; compare old and new
 * within a round, not across runs.
 * `cp -r server/guard /tmp/old/server/ && ln -s $PWD/node_modules /tmp/old/node_modules`, then
 * `npx tsx scripts/guard/dev-speed.ts /tmp/old/server/guard/index.ts [rounds] [scans]`
 */
import { loadavg } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import type * as Guard from "../../server/guard";
import { loadTextRows } from "./datasets";
import { PARAGRAPHS, reference } from "./perf-prompt";

const fill = (parts: string[], sep: string) => {
  let out = "";
  for (let i = 0; out.length < 4096; i++) out += parts[i % parts.length] + sep;
  return out.slice(0, 4096);
};

const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!;
const f2 = (x: number) => x.toFixed(2);

async function main() {
  const load = async (p: string) => (await import(pathToFileURL(path.resolve(p)).href)) as typeof Guard;
  const guards = { old: await load(process.argv[2]!), new: await load("server/guard/index.ts") };
  const rounds = Number(process.argv[3] ?? 6);
  const scans = Number(process.argv[4] ?? 400);
  const rows = loadTextRows();
  const prompts = {
    perf: fill(PARAGRAPHS, ""),
    en: fill(
      rows.filter((r) => r.set === "wildguard-benign").map((r) => r.text),
      "\n\n",
    ),
    zh: fill(
      rows.filter((r) => r.set === "belle-eval-zh" && r.lang === "zh").map((r) => r.text),
      "\n\n",
    ),
  };
  const run = (g: typeof Guard, t: string, i: number) =>
    g.scan(t, { direction: i % 2 ? "input" : "output", policy: g.DEFAULT_POLICY, context: { canaries: ["CNRY-7f3a9b2c41"] } });
  for (let i = 0; i < 300; i++)
    for (const t of Object.values(prompts)) {
      run(guards.old, t, i);
      run(guards.new, t, i);
    }

  for (let round = 1; round <= rounds; round++) {
    const line: string[] = [];
    for (const [name, text] of Object.entries(prompts)) {
      const cpu = { old: [] as number[], new: [] as number[] };
      const wall = { old: [] as number[], new: [] as number[] };
      const ref: number[] = [];
      for (let i = 0; i < scans; i++) {
        const t = `${text.slice(0, 4090)} #${(round * scans + i).toString().padStart(4, "0")}`;
        for (const which of i % 2 ? (["old", "new"] as const) : (["new", "old"] as const)) {
          const c0 = process.cpuUsage();
          const w0 = performance.now();
          run(guards[which], t, i >> 1);
          wall[which].push(performance.now() - w0);
          const c = process.cpuUsage(c0);
          cpu[which].push((c.user + c.system) / 1000);
        }
        const r0 = performance.now();
        reference(t);
        ref.push(performance.now() - r0);
      }
      line.push(
        `${name}: CPU p50 ${f2(pct(cpu.old, 0.5))} → ${f2(pct(cpu.new, 0.5))}, p99 ${f2(pct(cpu.old, 0.99))} → ${f2(pct(cpu.new, 0.99))}; ` +
          `wall p50 ${f2(pct(wall.old, 0.5))} → ${f2(pct(wall.new, 0.5))}, p99 ${f2(pct(wall.old, 0.99))} → ${f2(pct(wall.new, 0.99))}; ref p50 ${pct(ref, 0.5).toFixed(3)}`,
      );
    }
    console.log(`round ${round} (load ${loadavg().map(f2).join(" ")})\n  ${line.join("\n  ")}`);
  }
}

void main();
