import { z } from "zod";
import { ROLES, type Invitation, type Tenant } from "@/db/schema";

export const roleSchema = z.enum(ROLES);

export const tenantDto = z
  .object({
    id: z.uuid(),
    slug: z.string(),
    name: z.string(),
    planId: z.string(),
    status: z.enum(["active", "suspended", "deleted"]),
    createdAt: z.iso.datetime(),
  })
  .meta({ id: "Tenant" });

export type TenantDto = z.infer<typeof tenantDto>;

export function toTenantDto(t: Pick<Tenant, "id" | "slug" | "name" | "planId" | "status" | "createdAt">): TenantDto {
  return { id: t.id, slug: t.slug, name: t.name, planId: t.planId, status: t.status, createdAt: t.createdAt.toISOString() };
}

export const memberDto = z
  .object({
    userId: z.uuid(),
    email: z.string(),
    name: z.string(),
    role: roleSchema,
    joinedAt: z.iso.datetime(),
  })
  .meta({ id: "Member" });

export type MemberDto = z.infer<typeof memberDto>;

export const invitationDto = z
  .object({
    id: z.uuid(),
    email: z.string(),
    role: roleSchema,
    invitedByEmail: z.string().nullable(),
    createdAt: z.iso.datetime(),
    expiresAt: z.iso.datetime(),
    status: z.enum(["pending", "expired", "accepted", "revoked"]),
  })
  .meta({ id: "Invitation" });

export type InvitationDto = z.infer<typeof invitationDto>;

export function invitationStatus(i: Pick<Invitation, "acceptedAt" | "revokedAt" | "expiresAt">, now = new Date()) {
  if (i.acceptedAt) return "accepted" as const;
  if (i.revokedAt) return "revoked" as const;
  if (i.expiresAt <= now) return "expired" as const;
  return "pending" as const;
}

export function toInvitationDto(i: Invitation, invitedByEmail: string | null): InvitationDto {
  return {
    id: i.id,
    email: i.email,
    role: i.role,
    invitedByEmail,
    createdAt: i.createdAt.toISOString(),
    expiresAt: i.expiresAt.toISOString(),
    status: invitationStatus(i),
  };
}
