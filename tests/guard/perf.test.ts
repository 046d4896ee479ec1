import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, scan } from "@/server/guard";

/**
 * Budget (DESIGN.md "Performance budgets"): p99 < 2 ms for a 4 KB prompt on a 2-core machine. The
 * test fails above 4 ms so that a busy CI box does not flake it; the measured figure is printed.
 */

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

function prompt4k(): string {
  let text = "";
  for (let i = 0; text.length < 4096; i++) text += PARAGRAPHS[i % PARAGRAPHS.length];
  return text.slice(0, 4096);
}

describe("guard performance", () => {
  it("scans a realistic 4 KB prompt with p99 under budget", () => {
    const text = prompt4k();
    expect(text.length).toBe(4096);
    for (let i = 0; i < 50; i++) scan(text, { direction: "input", policy: DEFAULT_POLICY }); // warm up the JIT and regex caches

    // Wall time, and the CPU time the scan itself used: on a shared machine the wall figure also
    // counts time spent waiting for a core, which is the machine's load, not the guard's cost.
    const wall: number[] = [];
    const cpu: number[] = [];
    for (let i = 0; i < 400; i++) {
      // vary the text a little so nothing is memoised across runs
      const t = `${text.slice(0, 4090)} #${i.toString().padStart(4, "0")}`;
      const c0 = process.cpuUsage();
      const w0 = performance.now();
      scan(t, { direction: i % 2 ? "input" : "output", policy: DEFAULT_POLICY, context: { canaries: ["CNRY-7f3a9b2c41"] } });
      wall.push(performance.now() - w0);
      const c = process.cpuUsage(c0);
      cpu.push((c.user + c.system) / 1000);
    }
    const pct = (xs: number[], p: number) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length * p)]!;
    console.log(
      `guard scan of a 4 KB prompt (${wall.length} scans): wall p50 ${pct(wall, 0.5).toFixed(3)} ms, p99 ${pct(wall, 0.99).toFixed(3)} ms; ` +
        `CPU p50 ${pct(cpu, 0.5).toFixed(3)} ms, p99 ${pct(cpu, 0.99).toFixed(3)} ms`,
    );
    expect(pct(cpu, 0.99)).toBeLessThan(4);
  });

  it.each([
    ["dotted letters", "a.".repeat(16_384)],
    ["dotted digits", "1.".repeat(16_384)],
    ["one long token", "a".repeat(32_768)],
    ["underscored", "a_".repeat(16_384)],
    ["repeated assignments", "password=".repeat(3_640)],
    ["repeated hex", "4a ".repeat(10_922)],
  ])("stays linear on a pathological 32 KB input: %s", (_, text) => {
    scan(text.slice(0, 2_000), { direction: "input", policy: DEFAULT_POLICY });
    const start = performance.now();
    scan(text, { direction: "input", policy: DEFAULT_POLICY });
    scan(text, { direction: "output", policy: DEFAULT_POLICY, context: { canaries: ["CNRY-7f3a9b2c41"] } });
    // a quadratic regex takes seconds here (one did: bucket names matched with an unbounded repeat)
    expect(performance.now() - start).toBeLessThan(1_000);
  });
});
