import { z } from "zod";
import { TENANT_STATUSES } from "@/db/schema";
import { assignPlan, assignPlanInput } from "../../platform/assign-plan";
import {
  currentImpersonation,
  endImpersonation,
  endImpersonationInput,
  impersonationDto,
  startImpersonation,
  startImpersonationInput,
} from "../../platform/impersonation";
import { issueResetLink, issueResetLinkInput } from "../../platform/issue-reset-link";
import { listTenants, listTenantsInput, tenantPageDto } from "../../platform/list-tenants";
import { readPlatformFigures } from "../../platform/platform-figures";
import { setLimitOverrides, setLimitOverridesInput } from "../../platform/set-limit-overrides";
import { reactivateTenant, suspendTenant, tenantStatusActionInput } from "../../platform/suspend-tenant";
import { getTenantDetail, tenantDetailInput } from "../../platform/tenant-detail";
import { adminProcedure, createTRPCRouter } from "../init";

/**
 * The platform console: operators only, session only, never over REST (no `meta.openapi`); to
 * anyone else every procedure answers 404. Every procedure reaches across tenants through
 * `withPlatform`, which audits the access; actions in a tenant are also written to its own log.
 */
export const adminRouter = createTRPCRouter({
  /** Organisations with plan, status, members, usage this period, MRR, last activity: search, sort, pages. */
  tenants: adminProcedure
    .input(listTenantsInput)
    .output(tenantPageDto)
    .query(({ ctx, input }) => listTenants(ctx.platform, input)),

  /** One organisation: quotas, overrides, subscription, recent incidents and events. */
  tenant: adminProcedure.input(tenantDetailInput).query(({ ctx, input }) => getTenantDetail(ctx.platform, input)),

  /** Platform-wide figures and the event pipeline's health. */
  figures: adminProcedure.query(({ ctx }) => readPlatformFigures(ctx.platform)),

  suspend: adminProcedure
    .input(tenantStatusActionInput)
    .output(z.object({ status: z.enum(TENANT_STATUSES), suspendedAt: z.iso.datetime() }))
    .mutation(({ ctx, input }) => suspendTenant(ctx.platform, input)),

  reactivate: adminProcedure
    .input(tenantStatusActionInput)
    .output(z.object({ status: z.enum(TENANT_STATUSES) }))
    .mutation(({ ctx, input }) => reactivateTenant(ctx.platform, input)),

  assignPlan: adminProcedure
    .input(assignPlanInput)
    .output(z.object({ planId: z.string() }))
    .mutation(({ ctx, input }) => assignPlan(ctx.platform, input)),

  setOverrides: adminProcedure.input(setLimitOverridesInput).mutation(({ ctx, input }) => setLimitOverrides(ctx.platform, input)),

  impersonate: adminProcedure
    .input(startImpersonationInput)
    .output(impersonationDto)
    .mutation(({ ctx, input }) => startImpersonation(ctx.platform, input)),

  endImpersonation: adminProcedure
    .input(endImpersonationInput)
    .output(z.object({ ended: z.literal(true), tenantId: z.uuid() }))
    .mutation(({ ctx, input }) => endImpersonation(ctx.platform, input)),

  /** For the portal's banner: the operator's active impersonation of this organisation, if any. */
  currentImpersonation: adminProcedure
    .input(z.object({ tenantSlug: z.string().trim().min(1).max(100) }))
    .output(impersonationDto.nullable())
    .query(({ ctx, input }) => currentImpersonation(ctx.platform, input)),

  /** A one-time password reset link for a user, shown to the operator once (audited). */
  issueResetLink: adminProcedure
    .input(issueResetLinkInput)
    .output(z.object({ link: z.url(), expiresInMinutes: z.number().int() }))
    .mutation(({ ctx, input }) => issueResetLink(ctx.platform, input)),
});
