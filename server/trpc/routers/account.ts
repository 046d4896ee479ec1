import { z } from "zod";
import { accountHasPassword } from "../../auth/has-password";
import { listMySessions, signOutEverywhere } from "../../auth/my-sessions";
import { enforceLimits } from "../../ratelimit/enforce-limits";
import { CREATE_TENANT_PER_MINUTE, createTenant, createTenantInput } from "../../tenancy/create-tenant";
import { listMyTenants } from "../../tenancy/list-my-tenants";
import { slugFromName, slugProblem } from "../../tenancy/slug";
import { authedProcedure, createTRPCRouter } from "../init";

/** The signed-in person's own things: organisations, sessions. Portal only (no API keys). */
export const accountRouter = createTRPCRouter({
  me: authedProcedure.query(({ ctx }) => ({
    id: ctx.user.id,
    email: ctx.user.email,
    name: ctx.user.name,
    isPlatformAdmin: ctx.user.isPlatformAdmin,
  })),

  /** What the account page offers: a password change needs a password to change. */
  signInMethods: authedProcedure.query(async ({ ctx }) => ({ hasPassword: await accountHasPassword(ctx.signedIn) })),

  tenants: authedProcedure.query(({ ctx }) => listMyTenants(ctx.signedIn)),

  createTenant: authedProcedure.input(createTenantInput).mutation(async ({ ctx, input }) => {
    await enforceLimits(ctx.limiter, ctx.resHeaders, [
      { scope: "create_tenant", bucket: `create-tenant:${ctx.user.id}`, perMinute: CREATE_TENANT_PER_MINUTE },
    ]);
    return createTenant(ctx.signedIn, input);
  }),

  suggestSlug: authedProcedure.input(z.object({ name: z.string().max(80) })).query(({ input }) => {
    const slug = slugFromName(input.name);
    return { slug, problem: slug ? slugProblem(slug) : null };
  }),

  sessions: authedProcedure.query(({ ctx }) => listMySessions(ctx.signedIn)),

  /** Sign out everywhere: every session, this one included unless `keepCurrent`. */
  signOutEverywhere: authedProcedure
    .input(z.object({ keepCurrent: z.boolean().default(false) }))
    .mutation(({ ctx, input }) => signOutEverywhere(ctx.signedIn, input)),
});
