/** The PII and secrets sections of the report. */
import type { SecretRow } from "../datasets";
import { table } from "./markdown";
import { fbeta, fpr, ms, num, pct, percentile, recall, spanF } from "./metrics";
import { STRUCTURED_PII, type PiiScore } from "./score-pii";
import type { SecretScore, SecretSplit } from "./score-secrets";

export function piiSection(lines: string[], samples: number, piiResults: Map<string, PiiScore>): void {
  lines.push("## PII (presidio-synth-pii, structured types, test side)", "");
  lines.push(`Types: ${[...STRUCTURED_PII].join(", ")}; ${samples} samples. Span-level, overlap match.`, "");
  table(
    lines,
    ["system", "precision", "recall", "F2", "p50 ms", "p99 ms"],
    [...piiResults].map(([id, a]) => {
      const f = spanF(a.tp, a.fp, a.fn, 2);
      return [id, num(f.precision), num(f.recall), num(f.f), ms(percentile(a.lat, 0.5)), ms(percentile(a.lat, 0.99))];
    }),
  );
}

export function secretsSection(
  lines: string[],
  secrets: SecretRow[],
  secretResults: Map<string, SecretScore>,
  secretSplit: SecretSplit,
): void {
  lines.push("## Secrets (noseyparker examples, test side)", "");
  lines.push(`${secrets.filter((r) => r.label === 1).length} secrets, ${secrets.filter((r) => r.label === 0).length} near-misses.`, "");
  table(
    lines,
    ["system", "recall", "near-miss FPR", "F1", "p50 ms", "p99 ms"],
    [...secretResults].map(([id, a]) => [
      id,
      pct(recall(a.c)),
      pct(fpr(a.c)),
      num(fbeta(a.c)),
      ms(percentile(a.lat, 0.5)),
      ms(percentile(a.lat, 0.99)),
    ]),
  );
  const share = (a: number, b: number) => (b ? `${((100 * a) / b).toFixed(1)} %` : "–");
  lines.push(
    "",
    "Ours by rule kind (a text counts once; a row positive for any noseyparker rule is a secret, not a near-miss):",
    "",
    "| rules | recall (share of all secrets) | near-miss FPR |",
    "|---|---:|---:|",
    `| vendor-specific shapes (provider_pattern, aws_key_pair) | ${share(secretSplit.tpVendor, secretSplit.pos)} | ${share(secretSplit.fpVendor, secretSplit.neg)} |`,
    `| generic assignment / stated password (only) | ${share(secretSplit.tpGenericOnly, secretSplit.pos)} | ${share(secretSplit.fpGeneric, secretSplit.neg)} |`,
    "",
    `Recall on the ${secretSplit.credentials} secrets that noseyparker itself files under its "secret" category (its identifier-only rules — account ids, bucket names, ARNs, client ids, shop domains, usernames, public keys — left out; the guard reports those below the block threshold by design): ${share(secretSplit.tpCredentials, secretSplit.credentials)}. The headline recall above counts all of noseyparker's positives.`,
    "",
  );
}
