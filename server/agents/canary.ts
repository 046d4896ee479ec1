import { randomBytes } from "node:crypto";

/** A token no honest output contains: seeing it in an answer means the instructions leaked. */
export function newCanary(): string {
  return `agt-canary-${randomBytes(8).toString("hex")}`;
}
