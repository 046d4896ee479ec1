import type { GuardPolicy, Verdict } from "@/server/guard";

/** Data that must not be kept once the policy says redact or block: the person's or the tenant's secrets. */
const SENSITIVE = new Set(["pii", "secrets", "canary"]);

/**
 * The input as a run keeps it. An injection or harmful request is kept as written (the spans in
 * the verdict point into it, and the timeline must show what was attempted); personal data,
 * secrets and the canary that the policy redacts or blocks are masked, so a run record never
 * becomes a copy of what the guard kept from the model.
 */
export function storedInput(text: string, verdict: Verdict, policy: GuardPolicy): string {
  const spans = verdict.findings
    .filter((f) => SENSITIVE.has(f.detector) && f.score >= policy[f.detector].threshold)
    .filter((f) => policy[f.detector].action === "redact" || policy[f.detector].action === "block")
    .sort((a, b) => a.start - b.start || b.end - a.end);
  let out = "";
  let at = 0;
  for (const span of spans) {
    if (span.end <= at) continue;
    out += text.slice(at, Math.max(at, span.start)) + (span.start >= at ? `[REDACTED:${span.type}]` : "");
    at = span.end;
  }
  return out + text.slice(at);
}
