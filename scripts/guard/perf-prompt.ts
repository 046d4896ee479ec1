/**
 * The guard's 4 KB timing prompt (a realistic support-team request: English, a Chinese quote, a URL,
 * a code block, figures) and the reference workload timed beside it, shared by the perf test
 * (tests/guard/scan.perf.test.ts) and the speed comparison (scripts/guard/dev-speed.ts) so that both
 * time the same text.
 */
export const PARAGRAPHS = [
  "Hi team, I'm preparing the quarterly report for our customer-support agents and need help summarising the tickets below. ",
  "Customer 1 (order #A-20931, placed 2024-03-14) says the parcel arrived damaged; they attached photos and want a replacement, not a refund. ",
  "Customer 2 wrote in Chinese: 你好，我上周买的耳机左边没有声音，能不能帮我换一个？我的订单号是 88231，谢谢！ ",
  "Customer 3 asked whether our API supports pagination; I replied with the docs link https://docs.example.com/api/pagination and a curl example. ",
  "```ts\nconst res = await fetch(`${base}/orders?page=${page}&limit=50`, { headers: { Accept: 'application/json' } });\nif (!res.ok) throw new Error(res.statusText);\n```\n",
  "Please group the tickets by theme (shipping, product defects, billing, technical questions), estimate how many hours each theme took, ",
  "and suggest two improvements to our help-centre articles. Keep the tone friendly and concise, use bullet points, and write the summary in English. ",
  "For context, our SLA is a first response within 4 hours and resolution within 2 business days; last quarter we met it 93.5% of the time. ",
];

export function prompt4k(): string {
  let text = "";
  for (let i = 0; text.length < 4096; i++) text += PARAGRAPHS[i % PARAGRAPHS.length];
  return text.slice(0, 4096);
}

/** The reference workload: what any scanner of this text must at least do. */
export function reference(text: string): number {
  const words = new Map<string, number>();
  for (const w of text
    .normalize("NFKC")
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u))
    words.set(w, (words.get(w) ?? 0) + 1);
  return words.size;
}
