import { createHmac, randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";

/**
 * Why the driver signs its own in-process calls: the same `serve()` handler also answers
 * /api/inngest on the public port. With a signing key set, the SDK runs in "cloud" mode and
 * refuses (401) every call request whose `X-Inngest-Signature` is not an HMAC of the body made
 * with that key (spec 4.1.1) — so nobody on the internet can make our functions run by POSTing
 * to the route. The embedded engine therefore needs a key even though no Inngest server exists:
 * `INNGEST_SIGNING_KEY` when set, else one generated once and kept in `.data/` (0600), so every
 * process of the installation agrees on it.
 */
export const SIGNING_KEY_FILE = ".data/inngest-signing-key";

export function embeddedSigningKey(file = SIGNING_KEY_FILE): string {
  if (process.env.INNGEST_SIGNING_KEY) return process.env.INNGEST_SIGNING_KEY;
  let key: string;
  if (existsSync(file)) key = readFileSync(file, "utf8").trim();
  else {
    key = `signkey-prod-${randomBytes(32).toString("hex")}`;
    mkdirSync(dirname(file), { recursive: true });
    try {
      writeFileSync(file, key + "\n", { mode: 0o600, flag: "wx" });
    } catch {
      key = readFileSync(file, "utf8").trim(); // another process won the race: use its key
    }
  }
  process.env.INNGEST_SIGNING_KEY = key;
  return key;
}

/**
 * RFC 8785-style canonical JSON: what the SDK signs (it parses the body and canonicalises it).
 * Sorted keys; numbers and strings as JSON.stringify writes them.
 */
export function canonicalJson(value: unknown): string {
  if (value === null || typeof value !== "object") return JSON.stringify(value) ?? "null";
  if (Array.isArray(value)) return `[${value.map((v) => (v === undefined ? "null" : canonicalJson(v))).join(",")}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
}

/** The spec's `X-Inngest-Signature`: `t=<unix seconds>&s=<hex HMAC-SHA256(body + t)>`, keyed by the key without its prefix. */
export function signatureHeader(body: string, signingKey: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000).toString();
  const key = signingKey.replace(/^signkey-[\w]+-/, "");
  return `t=${t}&s=${createHmac("sha256", key)
    .update(body + t)
    .digest("hex")}`;
}
