/**
 * scan(text, { direction, policy, context }) → Verdict. Pure and synchronous: everything it needs
 * (policy, canaries, the agent's output baseline) comes in as arguments.
 *
 * Which detectors run: injection on input (a prompt trying to take over the model); canary and
 * anomaly on output (what the model says); PII, secrets and harmful content both ways.
 */

import { classifierScores, type ClassifierScores } from "./classifier";
import { detectAnomaly } from "./detectors/anomaly";
import { detectCanary } from "./detectors/canary";
import { detectHarmful } from "./detectors/harmful";
import { detectInjection } from "./detectors/injection";
import { detectPii } from "./detectors/pii";
import { detectSecrets } from "./detectors/secrets";
import { normalize } from "./normalize";
import type { Finding, ScanOptions, Verdict } from "./types";
import { assemble } from "./verdict";

export function scan(text: string, opts: ScanOptions): Verdict {
  const startedAt = performance.now();
  const input = typeof text === "string" ? text : "";
  const norm = normalize(input);
  const findings: Finding[] = [];

  // one feature pass gives both heads; the injection detector reads both, the harmful one the payload head
  const scores: ClassifierScores = classifierScores(norm.text);
  if (opts.direction === "input") findings.push(...detectInjection(input, norm, scores));
  // lower-cased once: the secrets gate reads it, and an output scan's canary check (4-8 KB a copy)
  const lower = input.toLowerCase();
  const secrets = detectSecrets(input, lower);
  findings.push(...secrets);
  // a digit run inside a credential is part of the credential, not a phone number
  findings.push(...detectPii(input).filter((p) => !secrets.some((s) => p.start >= s.start && p.end <= s.end)));
  findings.push(...detectHarmful(input, norm, scores));
  if (opts.direction === "output") {
    findings.push(...detectCanary(input, opts.context?.canaries, lower));
    findings.push(...detectAnomaly(input, opts.context?.baseline));
  }
  return assemble(input, findings, opts.policy, startedAt);
}
