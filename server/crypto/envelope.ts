import { createCipheriv, createDecipheriv, createHash, randomBytes } from "node:crypto";

/**
 * Envelope encryption for secrets a tenant hands us (model-vendor keys now, webhook secrets
 * later). Each secret gets its own random 256-bit data key; the secret is sealed with it
 * (AES-256-GCM), and the data key is sealed ("wrapped") with the installation's key-encryption
 * key (KEK). Rotating the KEK re-wraps the small data keys and never touches the secrets.
 *
 * Both seals carry associated data binding them to where they belong (purpose, tenant, row id):
 * a ciphertext or wrapped key copied onto another row, or another tenant, fails to open. A seal
 * is base64 of iv (12 bytes) ‖ ciphertext ‖ GCM tag (16 bytes).
 *
 * KEKs are named by an id derived from the key itself (a hash prefix), so several can be
 * configured at once (the current one and those being retired) with nothing else to keep in step.
 */

export type Kek = { id: string; key: Buffer };
export type Keyring = { current: Kek; byId: ReadonlyMap<string, Kek> };

/** What a sealed secret is stored as (provider_credentials: ciphertext, wrapped_key, kek_id). */
export type Sealed = { ciphertext: string; wrappedKey: string; kekId: string };

/** Where a secret belongs: part of both seals' associated data. */
export type Binding = { purpose: string; tenantId: string; id: string };

export class KeyringError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyringError";
  }
}

/** Wrong key, wrong binding or altered bytes: GCM cannot tell these apart, and neither do we. */
export class DecryptionError extends Error {
  constructor(message = "The secret could not be decrypted (wrong key, wrong owner, or altered data).") {
    super(message);
    this.name = "DecryptionError";
  }
}

const IV_BYTES = 12;
const TAG_BYTES = 16;
const KEY_BYTES = 32;

export function kekId(key: Buffer): string {
  return `kek_${createHash("sha256").update("agentry-kek-id\0").update(key).digest("hex").slice(0, 16)}`;
}

/** A KEK from its base64 form (what AGENTRY_KEK holds); refuses anything but 32 bytes. */
export function kekFromBase64(value: string, name = "AGENTRY_KEK"): Kek {
  const trimmed = value.trim();
  if (!/^[A-Za-z0-9+/_-]+={0,2}$/.test(trimmed)) throw new KeyringError(`${name} must be base64 (try: openssl rand -base64 32)`);
  const key = Buffer.from(trimmed, "base64");
  if (key.length !== KEY_BYTES) throw new KeyringError(`${name} must decode to 32 bytes, not ${key.length} (try: openssl rand -base64 32)`);
  return { id: kekId(key), key };
}

export function makeKeyring(current: Kek, previous: Kek[] = []): Keyring {
  const byId = new Map<string, Kek>();
  for (const kek of [current, ...previous]) byId.set(kek.id, kek);
  return { current, byId };
}

function aad(kind: "secret" | "data-key", binding: Binding): Buffer {
  for (const part of [binding.purpose, binding.tenantId, binding.id]) {
    if (!part || part.includes("\0")) throw new TypeError("a binding needs a purpose, a tenant id and an id");
  }
  return Buffer.from(["agentry", "v1", kind, binding.purpose, binding.tenantId, binding.id].join("\0"), "utf8");
}

function seal(key: Buffer, plaintext: Buffer, associated: Buffer): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(associated);
  const body = Buffer.concat([cipher.update(plaintext), cipher.final()]);
  return Buffer.concat([iv, body, cipher.getAuthTag()]).toString("base64");
}

function open(key: Buffer, sealed: string, associated: Buffer): Buffer {
  const bytes = Buffer.from(sealed, "base64");
  if (bytes.length < IV_BYTES + TAG_BYTES) throw new DecryptionError();
  const decipher = createDecipheriv("aes-256-gcm", key, bytes.subarray(0, IV_BYTES));
  decipher.setAAD(associated);
  decipher.setAuthTag(bytes.subarray(bytes.length - TAG_BYTES));
  try {
    return Buffer.concat([decipher.update(bytes.subarray(IV_BYTES, bytes.length - TAG_BYTES)), decipher.final()]);
  } catch {
    throw new DecryptionError();
  }
}

function kekFor(ring: Keyring, id: string): Kek {
  const kek = ring.byId.get(id);
  if (!kek) {
    throw new KeyringError(
      `This secret was sealed under ${id}, which is not configured: set it as AGENTRY_KEK_PREVIOUS until \`npm run kek:rotate\` has re-wrapped it.`,
    );
  }
  return kek;
}

export function sealSecret(ring: Keyring, plaintext: string, binding: Binding): Sealed {
  const dataKey = randomBytes(KEY_BYTES);
  try {
    return {
      ciphertext: seal(dataKey, Buffer.from(plaintext, "utf8"), aad("secret", binding)),
      wrappedKey: seal(ring.current.key, dataKey, aad("data-key", binding)),
      kekId: ring.current.id,
    };
  } finally {
    dataKey.fill(0);
  }
}

export function openSecret(ring: Keyring, sealed: Sealed, binding: Binding): string {
  const dataKey = open(kekFor(ring, sealed.kekId).key, sealed.wrappedKey, aad("data-key", binding));
  try {
    if (dataKey.length !== KEY_BYTES) throw new DecryptionError();
    return open(dataKey, sealed.ciphertext, aad("secret", binding)).toString("utf8");
  } finally {
    dataKey.fill(0);
  }
}

/**
 * The same secret with its data key wrapped under the current KEK (the ciphertext is unchanged).
 * Null when it already is: rotation is idempotent.
 */
export function rewrap(ring: Keyring, sealed: Sealed, binding: Binding): Sealed | null {
  if (sealed.kekId === ring.current.id) return null;
  const dataKey = open(kekFor(ring, sealed.kekId).key, sealed.wrappedKey, aad("data-key", binding));
  try {
    return { ciphertext: sealed.ciphertext, wrappedKey: seal(ring.current.key, dataKey, aad("data-key", binding)), kekId: ring.current.id };
  } finally {
    dataKey.fill(0);
  }
}
