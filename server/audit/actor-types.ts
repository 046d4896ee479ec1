import type { ActorType as StoredActorType } from "@/db/schema";

/**
 * Who can appear as an audit row's actor: a member, an API key, the system (a job) or a
 * platform operator. For the UI (the audit filter) and the domain; the schema keeps the
 * column's list, and a drift between the two fails to compile.
 */
export const ACTOR_TYPES = ["user", "api_key", "system", "platform"] as const;
export type ActorType = (typeof ACTOR_TYPES)[number];

type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const actorTypesMatchSchema: Same<ActorType, StoredActorType> = true;
void actorTypesMatchSchema;
