/**
 * Summarises a V8 CPU profile (`node --cpu-prof`, e.g. the API tier run by the bench with
 * BENCH_APP_NODE_ARGS="--cpu-prof --cpu-prof-dir=/tmp/prof"): the functions with the most self
 * time, and the time per package (node_modules/<name>, node: internals, our code).
 *
 *   npx tsx scripts/bench/cpu-profile.ts /tmp/prof/CPU.….cpuprofile [top=25]
 */
import { readFileSync } from "node:fs";

type Node = { id: number; callFrame: { functionName: string; url: string; lineNumber: number }; hitCount?: number };
type Profile = { nodes: Node[]; samples: number[]; timeDeltas: number[]; startTime: number; endTime: number };

function owner(url: string): string {
  if (!url) return "(native / V8)";
  if (url.startsWith("node:")) return "node: internals";
  const match = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/g);
  if (match) return match.at(-1)!.replace("node_modules/", "");
  return url.includes("/server/") || url.includes("/db/") || url.includes("/scripts/")
    ? "agentry (server/, db/)"
    : url.replace(/^.*\//, "");
}

const [file, topArg] = process.argv.slice(2);
if (!file) throw new Error("usage: cpu-profile.ts FILE.cpuprofile [top]");
const profile = JSON.parse(readFileSync(file, "utf8")) as Profile;
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map<number, number>();
profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
const total = [...self.values()].reduce((a, b) => a + b, 0);

const fns = new Map<string, number>();
const pkgs = new Map<string, number>();
for (const [id, t] of self) {
  const { functionName, url, lineNumber } = byId.get(id)!.callFrame;
  if (functionName === "(idle)") continue;
  const key = `${functionName || "(anonymous)"} — ${url ? `${url.replace(/^.*node_modules\//, "").replace(/^file:\/\/.*?\/(server|db|scripts)\//, "$1/")}:${lineNumber + 1}` : "native"}`;
  fns.set(key, (fns.get(key) ?? 0) + t);
  pkgs.set(owner(url), (pkgs.get(owner(url)) ?? 0) + t);
}
const busy = total - (self.get([...byId.values()].find((n) => n.callFrame.functionName === "(idle)")?.id ?? -1) ?? 0);
const pct = (t: number) => `${((t / busy) * 100).toFixed(1)} %`;
console.log(
  `profile: ${(total / 1e6).toFixed(1)} s sampled, ${(busy / 1e6).toFixed(1)} s busy (idle excluded); shares below are of busy time, (program) and GC included\n`,
);
console.log("| Self time (share of busy) | Function — where |\n|---:|---|");
for (const [key, t] of [...fns].sort((a, b) => b[1] - a[1]).slice(0, Number(topArg ?? 25)))
  console.log(`| ${pct(t)} | ${key.replaceAll("|", "\\|")} |`);
console.log("\n| Self time (share of busy) | Package |\n|---:|---|");
for (const [name, t] of [...pkgs].sort((a, b) => b[1] - a[1]).slice(0, 15)) console.log(`| ${pct(t)} | ${name} |`);
