import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { openSecret, sealSecret, type Sealed } from "../crypto/envelope";
import { currentKeyring } from "../crypto/keyring";
import type { Workflow } from "@/db/schema";

/**
 * The per-workflow inbound webhook secret. Sealed (not hashed): checking an HMAC needs the
 * secret itself. Bound to its tenant and workflow, so a sealed value copied to another row
 * does not open.
 */
const binding = (tenantId: string, workflowId: string) => ({ purpose: "workflow_hook", tenantId, id: workflowId });

export function newHookSecret(): string {
  return `whsec_${randomBytes(24).toString("base64url")}`;
}

export function sealHookSecret(tenantId: string, workflowId: string, secret: string) {
  const sealed = sealSecret(currentKeyring(), secret, binding(tenantId, workflowId));
  return { hookCiphertext: sealed.ciphertext, hookWrappedKey: sealed.wrappedKey, hookKekId: sealed.kekId };
}

export function openHookSecret(row: Pick<Workflow, "tenantId" | "id" | "hookCiphertext" | "hookWrappedKey" | "hookKekId">): string {
  const sealed: Sealed = { ciphertext: row.hookCiphertext, wrappedKey: row.hookWrappedKey, kekId: row.hookKekId };
  return openSecret(currentKeyring(), sealed, binding(row.tenantId, row.id));
}

/** Five minutes either way: a captured request cannot be replayed later. */
export const HOOK_TOLERANCE_SECONDS = 300;

/** `v1=<hex HMAC-SHA256 of "<timestamp>.<body>">`, the value of `X-Agentry-Signature`. */
export function signHook(secret: string, timestamp: string, body: string): string {
  return `v1=${createHmac("sha256", secret).update(`${timestamp}.${body}`).digest("hex")}`;
}

/** Constant-time check of the signature header (several `v1=` values may be sent during a rotation). */
export function verifyHook(secret: string, timestamp: string | null, signature: string | null, body: string, now = Date.now()): boolean {
  if (!timestamp || !signature || !/^\d{1,12}$/.test(timestamp)) return false;
  if (Math.abs(now / 1000 - Number(timestamp)) > HOOK_TOLERANCE_SECONDS) return false;
  const expected = Buffer.from(signHook(secret, timestamp, body));
  return signature
    .split(/[\s,]+/)
    .filter(Boolean)
    .some((candidate) => {
      const given = Buffer.from(candidate);
      return given.length === expected.length && timingSafeEqual(given, expected);
    });
}
