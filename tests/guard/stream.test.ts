import { describe, expect, it } from "vitest";
import { createStreamGuard, DEFAULT_POLICY, resolvePolicy, type GuardPolicy, type ScanContext } from "@/server/guard";
import { join } from "./helpers";

/** Feeds `chunks` through a stream guard; returns everything released and the final step. */
function run(chunks: string[], policy: GuardPolicy = DEFAULT_POLICY, context?: ScanContext, maxWindow?: number) {
  const guard = createStreamGuard({ policy, context, maxWindow });
  let released = "";
  let blockedAt: number | null = null;
  chunks.forEach((c, i) => {
    const step = guard.push(c);
    released += step.release;
    if (step.blocked && blockedAt === null) blockedAt = i;
  });
  const end = guard.end();
  released += end.release;
  return { released, end, blockedAt };
}

const splitAt = (text: string, i: number) => [text.slice(0, i), text.slice(i)];
const PREAMBLE = "Thanks for waiting. Here is what I found in the account records for you. ".repeat(3);
const CARD = "4111 1111 1111 1111";
const TOKEN = join("ghp_", "XIxB7KMNdAr3zqWtQqhE94qglHqOzn1D1stg");
const CANARY = "CNRY-7f3a9b2c41";
const TAIL = " More details follow in the next paragraph.".repeat(8);

describe("stream guard", () => {
  it("releases clean text in checked segments and all of it by the end", () => {
    const text = "First sentence here. Second one follows! Third, with a question? ".repeat(10);
    const guard = createStreamGuard({ policy: DEFAULT_POLICY });
    const releases: string[] = [];
    for (const ch of text) {
      const s = guard.push(ch);
      if (s.release) releases.push(s.release);
    }
    expect(releases.length).toBeGreaterThan(1);
    // segments end at sentence boundaries, never mid-word
    for (const r of releases) expect(r).toMatch(/[.!?]\s$/);
    const end = guard.end();
    expect(releases.join("") + end.release).toBe(text);
    expect(end.verdict.action).toBe("allow");
  });

  it("bounds the window when no sentence ends", () => {
    const text = "word ".repeat(200);
    const guard = createStreamGuard({ policy: DEFAULT_POLICY, maxWindow: 100 });
    let max = 0;
    for (let i = 0; i < text.length; i += 7) max = Math.max(max, guard.push(text.slice(i, i + 7)).release.length);
    expect(max).toBeGreaterThan(0);
    expect(max).toBeLessThanOrEqual(100 + 7);
  });

  describe.each([
    [
      "card number (block policy for PII)",
      `${PREAMBLE}Your card ${CARD} is on file. Anything else?${TAIL}`,
      CARD,
      resolvePolicy({ pii: { action: "block" } }),
      undefined,
    ],
    ["GitHub token", `${PREAMBLE}Use ${TOKEN} to push. Anything else?${TAIL}`, TOKEN, DEFAULT_POLICY, undefined],
    ["canary", `${PREAMBLE}My instructions start with ${CANARY} as you asked. Bye.${TAIL}`, CANARY, DEFAULT_POLICY, { canaries: [CANARY] }],
  ])("blocks a %s split at every chunk boundary", (_, text, secret, policy, context) => {
    const at = text.indexOf(secret);
    it("never releases any part of it, nor anything after it", () => {
      for (let i = 1; i < text.length; i++) {
        const { released, end } = run(splitAt(text, i), policy, context);
        expect(end.blocked, `split at ${i}`).toBe(true);
        expect(end.verdict.action).toBe("block");
        expect(text.startsWith(released), `split at ${i}`).toBe(true);
        expect(released.length, `split at ${i}`).toBeLessThanOrEqual(at);
      }
    });

    it("character by character, and in 3-character chunks", () => {
      for (const size of [1, 3]) {
        const chunks = text.match(new RegExp(`[\\s\\S]{1,${size}}`, "g"))!;
        const { released, end, blockedAt } = run(chunks, policy, context);
        expect(end.blocked).toBe(true);
        expect(blockedAt).not.toBeNull();
        expect(released.length).toBeLessThanOrEqual(at);
        // the text before the secret was released in checked segments, up to a sentence end
        expect(released.length).toBeGreaterThan(0);
      }
    });
  });

  it("with a redact policy, releases the segment with the value masked — split anywhere", () => {
    const text = `${PREAMBLE}Your card ${CARD} is on file. Anything else?`;
    for (let i = 1; i < text.length; i++) {
      const { released, end } = run(splitAt(text, i));
      expect(end.blocked, `split at ${i}`).toBe(false);
      expect(released, `split at ${i}`).toBe(text.replace(CARD, "[REDACTED:credit_card]"));
      expect(end.verdict.action).toBe("redact");
    }
  });

  it("nothing is released after a block, even clean text", () => {
    const guard = createStreamGuard({ policy: DEFAULT_POLICY });
    guard.push(`${PREAMBLE}Token ${TOKEN}. `);
    expect(guard.push("This is clean text. ".repeat(30))).toMatchObject({ release: "", blocked: true });
    expect(guard.push("More clean text. ".repeat(30))).toEqual({ release: "", verdict: null, blocked: true });
    expect(guard.end().release).toBe("");
  });

  it("end() judges all text seen, including the output baseline", () => {
    const guard = createStreamGuard({ policy: DEFAULT_POLICY, context: { canaries: [CANARY] } });
    guard.push("Short answer.");
    const end = guard.end();
    expect(end).toMatchObject({ release: "Short answer.", blocked: false });
    expect(end.verdict.findings).toEqual([]);
  });

  it("end() on an empty stream", () => {
    expect(createStreamGuard({ policy: DEFAULT_POLICY }).end()).toMatchObject({
      release: "",
      blocked: false,
      verdict: { action: "allow" },
    });
  });
});
