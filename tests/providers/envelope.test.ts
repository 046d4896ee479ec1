import { randomBytes, randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import {
  DecryptionError,
  kekFromBase64,
  KeyringError,
  makeKeyring,
  openSecret,
  rewrap,
  sealSecret,
  type Sealed,
} from "@/server/crypto/envelope";

const newKek = () => kekFromBase64(randomBytes(32).toString("base64"));

describe("envelope encryption", () => {
  const ring = makeKeyring(newKek());
  const binding = { purpose: "provider_credential", tenantId: randomUUID(), id: randomUUID() };
  const secret = "sk-proj-Ünïcødé-密钥-0123456789";

  it("round-trips, with a fresh data key and IV each time (same secret, different bytes)", () => {
    const a = sealSecret(ring, secret, binding);
    const b = sealSecret(ring, secret, binding);
    expect(openSecret(ring, a, binding)).toBe(secret);
    expect(openSecret(ring, b, binding)).toBe(secret);
    expect(a.ciphertext).not.toBe(b.ciphertext);
    expect(a.wrappedKey).not.toBe(b.wrappedKey);
    expect(a.kekId).toBe(ring.current.id);
    expect(a.kekId).toMatch(/^kek_[0-9a-f]{16}$/);
    expect(JSON.stringify(a)).not.toContain("sk-proj");
    // iv (12) + secret bytes + tag (16); data key 32 bytes wrapped: 12 + 32 + 16.
    expect(Buffer.from(a.ciphertext, "base64").length).toBe(12 + Buffer.byteLength(secret) + 16);
    expect(Buffer.from(a.wrappedKey, "base64").length).toBe(60);
  });

  it("refuses to open under another binding (tenant, row or purpose): the AAD ties it to its owner", () => {
    const sealed = sealSecret(ring, secret, binding);
    for (const other of [
      { ...binding, tenantId: randomUUID() },
      { ...binding, id: randomUUID() },
      { ...binding, purpose: "webhook_secret" },
    ]) {
      expect(() => openSecret(ring, sealed, other)).toThrow(DecryptionError);
    }
    // Nor can a ciphertext be paired with another row's wrapped key.
    const otherRow = { ...binding, id: randomUUID() };
    const neighbour = sealSecret(ring, "sk-other", otherRow);
    expect(() => openSecret(ring, { ...sealed, wrappedKey: neighbour.wrappedKey }, binding)).toThrow(DecryptionError);
  });

  it("detects any flipped byte in the ciphertext or the wrapped key", () => {
    const sealed = sealSecret(ring, secret, binding);
    for (const field of ["ciphertext", "wrappedKey"] as const) {
      const bytes = Buffer.from(sealed[field], "base64");
      for (let i = 0; i < bytes.length; i++) {
        const tampered = Buffer.from(bytes);
        tampered[i]! ^= 0x01;
        const altered: Sealed = { ...sealed, [field]: tampered.toString("base64") };
        expect(() => openSecret(ring, altered, binding), `${field} byte ${i}`).toThrow(DecryptionError);
      }
      expect(() => openSecret(ring, { ...sealed, [field]: bytes.subarray(0, 10).toString("base64") }, binding)).toThrow(DecryptionError);
    }
  });

  it("needs the KEK it was sealed under; the wrong key of the same id is caught too", () => {
    const sealed = sealSecret(ring, secret, binding);
    const stranger = makeKeyring(newKek());
    expect(() => openSecret(stranger, sealed, binding)).toThrow(KeyringError);
    expect(() => openSecret(stranger, sealed, binding)).toThrow(/AGENTRY_KEK_PREVIOUS/);
    const impostor = makeKeyring({ id: ring.current.id, key: randomBytes(32) });
    expect(() => openSecret(impostor, sealed, binding)).toThrow(DecryptionError);
  });

  it("rewraps only the data key under the current KEK; then the old KEK can go; rewrap is idempotent", () => {
    const old = ring.current;
    const sealed = sealSecret(ring, secret, binding);
    const next = newKek();
    const rotating = makeKeyring(next, [old]);
    expect(openSecret(rotating, sealed, binding)).toBe(secret);
    const rewrapped = rewrap(rotating, sealed, binding)!;
    expect(rewrapped.kekId).toBe(next.id);
    expect(rewrapped.ciphertext).toBe(sealed.ciphertext);
    expect(rewrapped.wrappedKey).not.toBe(sealed.wrappedKey);
    expect(rewrap(rotating, rewrapped, binding)).toBeNull();
    expect(openSecret(makeKeyring(next), rewrapped, binding)).toBe(secret);
    expect(() => rewrap(makeKeyring(next), sealed, binding)).toThrow(KeyringError);
  });

  it("accepts only 32-byte base64 KEKs, naming the variable", () => {
    expect(() => kekFromBase64("short")).toThrow(/AGENTRY_KEK must decode to 32 bytes/);
    expect(() => kekFromBase64("not base64!!")).toThrow(/AGENTRY_KEK must be base64/);
    const value = randomBytes(32).toString("base64");
    expect(kekFromBase64(value).id).toBe(kekFromBase64(value).id);
    expect(kekFromBase64(value).id).not.toBe(newKek().id);
  });
});
