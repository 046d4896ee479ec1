import { and, asc, eq, sql } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import type { TenantContext } from "../request-context";
import type { MemberDto } from "./dto";

const memberColumns = {
  userId: memberships.userId,
  email: users.email,
  name: users.name,
  role: memberships.role,
  joinedAt: memberships.createdAt,
};

function toMemberDto(r: { userId: string; email: string; name: string; role: MemberDto["role"]; joinedAt: Date }): MemberDto {
  return { ...r, joinedAt: r.joinedAt.toISOString() };
}

/** Members, owners first then by email. Organisations are small (seats are plan-limited). */
export async function listMembers(ctx: TenantContext, input: { offset: number; limit: number }) {
  const rows = await ctx.tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(eq(memberships.tenantId, ctx.tenant.id))
    .orderBy(sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 when 'developer' then 2 else 3 end`, asc(users.email))
    .offset(input.offset)
    .limit(input.limit + 1);
  return {
    items: rows.slice(0, input.limit).map(toMemberDto),
    nextOffset: rows.length > input.limit ? input.offset + input.limit : null,
  };
}

export async function getMemberInTenant(ctx: TenantContext, userId: string): Promise<MemberDto> {
  const [row] = await ctx.tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, ctx.tenant.id), eq(memberships.userId, userId)))
    .limit(1);
  if (!row) throw new NotFoundError("Member");
  return toMemberDto(row);
}
