import { randomBytes } from "node:crypto";
import { Webhook } from "standardwebhooks";
import { openSecret, sealSecret, type Sealed } from "../crypto/envelope";
import { currentKeyring } from "../crypto/keyring";

/**
 * An endpoint's signing secret, per Standard Webhooks: `whsec_` + base64 of 24 random bytes. It is
 * sealed (envelope encryption, bound to the tenant and endpoint) and shown once — at creation and
 * at each rotation.
 */
export const endpointBinding = (tenantId: string, id: string) => ({ purpose: "webhook_endpoint", tenantId, id });

export function newSigningSecret(): string {
  return `whsec_${randomBytes(24).toString("base64")}`;
}

export function sealSigningSecret(secret: string, tenantId: string, id: string): Sealed {
  return sealSecret(currentKeyring(), secret, endpointBinding(tenantId, id));
}

export function openSigningSecret(row: Sealed & { tenantId: string; id: string }): string {
  return openSecret(currentKeyring(), row, endpointBinding(row.tenantId, row.id));
}

/** The three Standard Webhooks headers for one message. */
export function signedHeaders(secret: string, messageId: string, body: string, at: Date): Record<string, string> {
  const timestamp = Math.floor(at.getTime() / 1000);
  return {
    "webhook-id": messageId,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": new Webhook(secret).sign(messageId, new Date(timestamp * 1000), body),
  };
}
