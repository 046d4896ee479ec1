import type { Role } from "@/db/schema";

/**
 * Permissions are data. Procedures declare the one they need (`meta.permission`); roles and API
 * key scopes are lists of grants, where a grant is a permission, `resource:*` or `*`. The portal
 * reads the same table to hide what a role cannot do.
 */
export const PERMISSIONS = [
  "tenant:read",
  "tenant:update",
  "tenant:delete",
  "member:read",
  "member:invite",
  "member:update",
  "member:remove",
  "apikey:read",
  "apikey:create",
  "apikey:revoke",
  "audit:read",
  "audit:verify",
  "agent:read",
  "agent:create",
  "agent:update",
  "agent:archive",
  "run:read",
  "run:create",
  "knowledge:read",
  "knowledge:write",
  "guard:scan",
  "guard:read",
  "guard:manage",
  "incident:read",
  "incident:update",
  "provider:read",
  "provider:manage",
  "workflow:read",
  "workflow:manage",
  "workflow:run",
  "workflow:approve",
  "webhook:read",
  "webhook:manage",
  "playbook:read",
  "playbook:manage",
  "event:read",
  "event:replay",
  "billing:read",
  "billing:manage",
  "usage:read",
] as const;

export type Permission = (typeof PERMISSIONS)[number];
export type Resource = Permission extends `${infer R}:${string}` ? R : never;
export type Grant = Permission | `${Resource}:*` | "*";

export const RESOURCES = [...new Set(PERMISSIONS.map((p) => p.split(":")[0] as Resource))];

export const ROLE_GRANTS: Record<Role, readonly Grant[]> = {
  owner: ["*"],
  admin: [
    "tenant:read",
    "tenant:update",
    "member:*",
    "apikey:*",
    "audit:*",
    "agent:*",
    "run:*",
    "knowledge:*",
    "guard:*",
    "incident:*",
    "provider:*",
    "workflow:*",
    "webhook:*",
    "playbook:*",
    "event:*",
    "billing:*",
    "usage:read",
  ],
  developer: [
    "tenant:read",
    "member:read",
    "apikey:*",
    "audit:read",
    "agent:*",
    "run:*",
    "knowledge:*",
    "guard:scan",
    "guard:read",
    "incident:read",
    "incident:update",
    "provider:read",
    "workflow:*",
    "webhook:*",
    "playbook:read",
    "event:read",
    "usage:read",
  ],
  viewer: [
    "tenant:read",
    "member:read",
    "apikey:read",
    "audit:read",
    "agent:read",
    "run:read",
    "knowledge:read",
    "guard:read",
    "incident:read",
    "provider:read",
    "workflow:read",
    "webhook:read",
    "playbook:read",
    "event:read",
  ],
};

/** Roles from most to least powerful; a member may only hand out roles at or below their own. */
export const ROLE_RANK: Record<Role, number> = { owner: 3, admin: 2, developer: 1, viewer: 0 };

const GRANT_PATTERN = /^(\*|[a-z]+:\*|[a-z]+:[a-z]+)$/;

export function isGrant(value: string): value is Grant {
  if (!GRANT_PATTERN.test(value)) return false;
  if (value === "*") return true;
  const [resource, verb] = value.split(":");
  if (verb === "*") return (RESOURCES as string[]).includes(resource!);
  return (PERMISSIONS as readonly string[]).includes(value);
}

export function grants(list: readonly string[], permission: Permission): boolean {
  const resource = permission.split(":")[0];
  return list.some((g) => g === "*" || g === permission || g === `${resource}:*`);
}

export function roleCan(role: Role, permission: Permission): boolean {
  return grants(ROLE_GRANTS[role], permission);
}

/** Every concrete permission a list of grants allows. */
export function expandGrants(list: readonly string[]): Permission[] {
  return PERMISSIONS.filter((p) => grants(list, p));
}

export function canAssignRole(actorRole: Role, targetRole: Role): boolean {
  return ROLE_RANK[actorRole] >= ROLE_RANK[targetRole];
}

/**
 * `apikey:revoke` covers one's own keys; another member's key may be revoked only from this role
 * up (a developer must not be able to cut off the owner's integrations).
 */
export const REVOKE_OTHERS_KEYS_FROM: Role = "admin";

export function canRevokeKeyOf(actor: { userId: string | null; role: Role }, keyCreatedBy: string | null): boolean {
  // A job or an operator (no member id) is judged by its role alone.
  return (actor.userId !== null && keyCreatedBy === actor.userId) || ROLE_RANK[actor.role] >= ROLE_RANK[REVOKE_OTHERS_KEYS_FROM];
}
