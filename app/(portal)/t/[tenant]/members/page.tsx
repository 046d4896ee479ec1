import { getFormatter, getTranslations } from "next-intl/server";
import { InviteForm } from "@/components/members/invite-form";
import { RemoveMemberButton } from "@/components/members/remove-member-button";
import { RevokeInvitationButton } from "@/components/members/revoke-invitation-button";
import { RoleSelect } from "@/components/members/role-select";
import { Badge } from "@/components/ui/badge";
import { CursorPager } from "@/components/ui/cursor-pager";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { EmptyState } from "@/components/ui/empty-state";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { ROLES } from "@/server/tenancy/roles";
import { load, tenantAccess } from "@/server/http/rsc";
import { canAssignRole } from "@/server/tenancy/permissions";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("members");

const PAGE = 50;

export default async function MembersPage({
  params,
  searchParams,
}: {
  params: Promise<{ tenant: string }>;
  searchParams: Promise<{ cursor?: string }>;
}) {
  const { tenant: slug } = await params;
  const { cursor } = await searchParams;
  const { me, caller, can, tenant } = await tenantAccess(slug);
  const t = await getTranslations("members");
  const tCommon = await getTranslations("common");
  const format = await getFormatter();
  const [members, invitations] = await Promise.all([
    load(caller.members.list({ cursor, limit: PAGE })),
    can("member:read") ? load(caller.invitations.list()) : Promise.resolve({ items: [] }),
  ]);
  const assignable = ROLES.filter((r) => canAssignRole(me.role, r));
  // Owners are listed first, so the first page shows whether anyone else owns the organisation.
  const lastOwner = me.role === "owner" && !cursor && !members.items.some((m) => m.role === "owner" && m.userId !== me.id);
  return (
    <div className="space-y-8">
      <PageHeader title={t("title")} description={t("lead")} />

      {can("member:invite") ? (
        <Card>
          <CardHeader title={t("inviteTitle")} description={t("inviteLead")} />
          <CardBody>
            <InviteForm
              assignable={assignable}
              pendingEmails={invitations.items.filter((inv) => inv.status === "pending").map((inv) => inv.email)}
            />
          </CardBody>
        </Card>
      ) : null}

      <Card>
        <Table caption={t("title")}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t("name")}</Th>
              <Th>{t("role")}</Th>
              <Th>{t("joined")}</Th>
              <Th className="text-right">{t("actions")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.items.map((member) => {
              const self = member.userId === me.id;
              const manageable = !self && canAssignRole(me.role, member.role);
              return (
                <tr key={member.userId}>
                  <Td>
                    <p className="font-medium text-slate-900">
                      {member.name} {self ? <span className="text-xs font-normal text-slate-500">{tCommon("you")}</span> : null}
                    </p>
                    <p className="text-slate-500">{member.email}</p>
                  </Td>
                  <Td>
                    {can("member:update") && manageable ? (
                      <RoleSelect userId={member.userId} name={member.name} role={member.role} assignable={assignable} />
                    ) : (
                      <Badge tone={member.role === "owner" ? "brand" : "neutral"}>{tCommon(`roles.${member.role}`)}</Badge>
                    )}
                  </Td>
                  <Td className="whitespace-nowrap">{format.dateTime(new Date(member.joinedAt), { dateStyle: "medium" })}</Td>
                  <Td className="text-right">
                    {self && me.type === "user" && !lastOwner ? (
                      <RemoveMemberButton userId={member.userId} name={tenant.name} self />
                    ) : null}
                    {!self && can("member:remove") && manageable ? (
                      <RemoveMemberButton userId={member.userId} name={member.name} self={false} />
                    ) : null}
                  </Td>
                </tr>
              );
            })}
          </tbody>
        </Table>
        <CursorPager
          firstHref={cursor ? "?" : null}
          nextHref={members.nextCursor !== null ? `?cursor=${encodeURIComponent(members.nextCursor)}` : null}
          firstLabel={tCommon("backToStart")}
          nextLabel={tCommon("next")}
        />
      </Card>

      <Card>
        <CardHeader title={t("pendingTitle")} />
        {invitations.items.length === 0 ? (
          <EmptyState title={t("pendingEmpty")} />
        ) : (
          <Table caption={t("pendingTitle")}>
            <thead className="bg-slate-50">
              <tr>
                <Th>{t("email")}</Th>
                <Th>{t("role")}</Th>
                <Th>{t("invitedBy")}</Th>
                <Th>{t("expires")}</Th>
                <Th className="text-right">{t("actions")}</Th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {invitations.items.map((inv) => (
                <tr key={inv.id}>
                  <Td className="font-medium text-slate-900">{inv.email}</Td>
                  <Td>{tCommon(`roles.${inv.role}`)}</Td>
                  <Td>{inv.invitedByEmail ?? "—"}</Td>
                  <Td className="whitespace-nowrap">
                    {inv.status === "expired" ? (
                      <Badge tone="amber">{t("statusExpired")}</Badge>
                    ) : (
                      format.relativeTime(new Date(inv.expiresAt))
                    )}
                  </Td>
                  <Td className="text-right">{can("member:invite") ? <RevokeInvitationButton id={inv.id} email={inv.email} /> : null}</Td>
                </tr>
              ))}
            </tbody>
          </Table>
        )}
      </Card>
    </div>
  );
}
