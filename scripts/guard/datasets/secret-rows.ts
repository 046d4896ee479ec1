/** noseyparker's secret examples, one row per text (not a classifier input). */
import path from "node:path";
import { datasetsDir, jsonl, read } from "./files";

/**
 * credential: a positive example of a rule that noseyparker itself files under its "secret" category.
 * Its identifier-only rules (AWS account ids, S3 / GCS bucket names, ARNs, OAuth client ids, Shopify
 * domains, React app usernames, age public keys) find things that help an attacker but are not
 * secrets; the guard reports those below the block threshold on purpose (secret-rules.ts).
 */
export type SecretRow = { text: string; label: 0 | 1; rule: string; credential: boolean };
/**
 * noseyparker's examples are per rule: a text can be a negative example of one rule (wrong shape
 * for THAT rule) and a positive example of another (e.g. a Slack token is a negative example of the
 * Slack webhook rule). Such a text does hold a secret, so it is not a near-miss: one row per text,
 * positive when any rule calls it a secret (round 2; before, those rows counted as false positives).
 */
export function loadSecrets(root = datasetsDir()): SecretRow[] {
  const byText = new Map<string, SecretRow>();
  for (const r of jsonl<{ text: string; label: 0 | 1; rule_name: string; categories?: string[] }>(
    read(path.join(root, "noseyparker-secret-examples"), "secret_examples.jsonl"),
  )) {
    const cur = byText.get(r.text);
    const credential = r.label === 1 && (r.categories ?? []).includes("secret");
    if (!cur || (r.label === 1 && cur.label === 0)) byText.set(r.text, { text: r.text, label: r.label, rule: r.rule_name, credential });
    else if (credential) cur.credential = true;
  }
  return [...byText.values()];
}
