import { and, eq, sql } from "drizzle-orm";
import { memberships, users } from "@/db/schema";
import { NotFoundError } from "../errors";
import { keyset, keysetPage, type KeyPart } from "../pagination";
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

/** Owners first, then admins, developers, viewers; within a role by e-mail (unique per account). */
const roleRank = sql`case ${memberships.role} when 'owner' then 0 when 'admin' then 1 when 'developer' then 2 else 3 end`;
const memberOrder: KeyPart[] = [
  { expr: roleRank, type: "int4" },
  { expr: users.email, type: "text" },
  { expr: memberships.userId, type: "uuid" },
];
const ROLE_RANK: Record<MemberDto["role"], number> = { owner: 0, admin: 1, developer: 2, viewer: 3 };

/** Members, owners first then by e-mail, keyset-paginated like every other list. */
export async function listMembers(ctx: TenantContext, input: { cursor?: string; limit: number }) {
  const page = keyset(memberOrder, "asc", input.cursor);
  const rows = await ctx.tx
    .select(memberColumns)
    .from(memberships)
    .innerJoin(users, eq(users.id, memberships.userId))
    .where(and(eq(memberships.tenantId, ctx.tenant.id), page.where))
    .orderBy(...page.orderBy)
    .limit(input.limit + 1);
  return keysetPage(rows, input.limit, toMemberDto, (r) => [ROLE_RANK[r.role], r.email, r.userId]);
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
