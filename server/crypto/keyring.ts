import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { env } from "../env";
import { kekFromBase64, KeyringError, makeKeyring, type Keyring } from "./envelope";

/**
 * The installation's key-encryption keys, from the environment: `AGENTRY_KEK` (the current one,
 * base64 of 32 bytes) and `AGENTRY_KEK_PREVIOUS` (a comma-separated list of retired ones, still
 * able to open what they sealed until `npm run kek:rotate` has re-wrapped it).
 *
 * Embedded default, like AUTH_SECRET's: `npm start` creates `.data/agentry-kek` and sets
 * AGENTRY_KEK from it. Outside production (`next dev`, tests) with no KEK configured, the same
 * file is created on first use. Production never invents one: start-up refuses to run without it
 * (server/runtime-config.ts), and so does this.
 */

export const EMBEDDED_KEK_FILE = path.join(".data", "agentry-kek");

let cached: Keyring | null = null;

function embeddedKek(): string {
  const file = path.resolve(EMBEDDED_KEK_FILE);
  if (!existsSync(file)) {
    mkdirSync(path.dirname(file), { recursive: true });
    try {
      writeFileSync(file, randomBytes(32).toString("base64"), { mode: 0o600, flag: "wx" });
    } catch (error) {
      // Another process (a parallel test worker, a second dev server) made it first: use theirs.
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
  }
  return readFileSync(file, "utf8").trim();
}

export function keyringFromEnv(): Keyring {
  const previous = env.AGENTRY_KEK_PREVIOUS.map((value, i) => kekFromBase64(value, `AGENTRY_KEK_PREVIOUS[${i}]`));
  if (env.AGENTRY_KEK) return makeKeyring(kekFromBase64(env.AGENTRY_KEK), previous);
  if (env.NODE_ENV === "production") {
    throw new KeyringError("AGENTRY_KEK is not set: provider keys cannot be encrypted or read (openssl rand -base64 32).");
  }
  return makeKeyring(kekFromBase64(embeddedKek(), EMBEDDED_KEK_FILE), previous);
}

/** The process's keyring, read once. */
export function currentKeyring(): Keyring {
  cached ??= keyringFromEnv();
  return cached;
}

/**
 * Replaces the process's keyring: for the rotation command (which builds it from its own
 * arguments) and for tests that rotate keys within one process.
 */
export function useKeyring(ring: Keyring | null): void {
  cached = ring;
}
