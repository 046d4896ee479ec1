import { randomBytes } from "node:crypto";
import { hashSecret } from "../auth/api-key-format";

/** Invitation links carry 256 random bits; we keep only the hash. */
export function generateInvitationToken(): { token: string; tokenHash: string } {
  const token = randomBytes(32).toString("base64url");
  return { token, tokenHash: hashSecret(token) };
}

export const INVITATION_TOKEN_PATTERN = /^[A-Za-z0-9_-]{43}$/;

export const INVITATION_TTL_DAYS = 7;
