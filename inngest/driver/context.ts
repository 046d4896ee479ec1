import type { Scopes } from "@/db/scope";
import type { Clock } from "./clock";
import type { Registry } from "./registry";

/** What every part of the driver shares: where state lives, the functions, time, and who this process is. */
export type DriverContext = {
  scopes: Pick<Scopes, "withEngine">;
  registry: Registry;
  clock: Clock;
  /** This process's lease owner id (unique per start). */
  owner: string;
  /** How long a lease lasts without a heartbeat: how soon another process resumes a dead one's run. */
  leaseMs: number;
  signingKey: string | null;
  log: (level: "info" | "warn" | "error", facts: Record<string, unknown>, message: string) => void;
};
