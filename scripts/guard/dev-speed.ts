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

const PARAGRAPHS = [
  "Hi team, I'm preparing the quarterly report for our customer-support agents and need help summarising the tickets below. ",
  "Customer 1 (order #A-20931, placed 2024-03-14) says the parcel arrived damaged; they attached photos and want a replacement, not a refund. ",
  "Customer 2 wrote in Chinese: 你好，我上周买的耳机左边没有声音，能不能帮我换一个？我的订单号是 88231，谢谢！ ",
  "Customer 3 asked whether our API supports pagination; I replied with the docs link https://docs.example.com/api/pagination and a curl example. ",
  "```ts\nconst res = await fetch(`${base}/orders?page=${page}&limit=50`, { headers: { Accept: 'application/json' } });\nif (!res.ok) throw new Error(res.statusText);\n```\n",
  "Please group the tickets by theme (shipping, product defects, billing, technical questions), estimate how many hours each theme took, ",
  "and suggest two improvements to our help-centre articles. Keep the tone friendly and concise, use bullet points, and write the summary in English. ",
  "For context, our SLA is a first response within 4 hours and resolution within 2 business days; last quarter we met it 93.5% of the time. ",
];

const fill = (parts: string[], sep: string) => {
  let out = "";
  for (let i = 0; out.length < 4096; i++) out += parts[i % parts.length] + sep;
  return out.slice(0, 4096);
};

function reference(text: string): number {
  const words = new Map<string, number>();
  for (const w of text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u))
    words.set(w, (words.get(w) ?? 0) + 1);
  return words.size;
}

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
