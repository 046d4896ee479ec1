import type { ActorType } from "@/db/schema";
import type { Principal } from "../request-context";

/**
 * Who started a run, as stored on it: the actor id scopes the Idempotency-Key (two API keys of
 * one tenant may both send `Idempotency-Key: 1` and mean different things).
 */
export function runActor(principal: Principal): { actorType: ActorType; actorId: string; userId: string | null; apiKeyId: string | null } {
  switch (principal.type) {
    case "user":
      return { actorType: "user", actorId: principal.userId, userId: principal.userId, apiKeyId: null };
    case "api_key":
      return { actorType: "api_key", actorId: principal.keyId, userId: null, apiKeyId: principal.keyId };
    case "system":
      return { actorType: "system", actorId: principal.job, userId: null, apiKeyId: null };
    case "platform":
      return { actorType: "platform", actorId: principal.operatorId, userId: null, apiKeyId: null };
  }
}
