import { getFormatter, getTranslations } from "next-intl/server";
import { EmailForm } from "@/components/account/email-form";
import { NameForm } from "@/components/account/name-form";
import { PasswordForm } from "@/components/account/password-form";
import { SessionActions } from "@/components/account/session-actions";
import { Badge } from "@/components/ui/badge";
import { Card, CardBody, CardHeader } from "@/components/ui/card";
import { PageHeader } from "@/components/ui/page-header";
import { Table, Td, Th } from "@/components/ui/table";
import { requireUser, serverCaller } from "@/server/http/rsc";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("account");

/** "Firefox on Linux"-style summary; the full string is in the title for the curious. */
function browserOf(userAgent: string | null): string | null {
  if (!userAgent) return null;
  const browser = /Edg\//.test(userAgent)
    ? "Edge"
    : /Chrom(e|ium)\//.test(userAgent)
      ? "Chrome"
      : /Firefox\//.test(userAgent)
        ? "Firefox"
        : /Safari\//.test(userAgent)
          ? "Safari"
          : null;
  const os = /Windows/.test(userAgent)
    ? "Windows"
    : /Mac OS X/.test(userAgent)
      ? "macOS"
      : /Android/.test(userAgent)
        ? "Android"
        : /iPhone|iPad/.test(userAgent)
          ? "iOS"
          : /Linux/.test(userAgent)
            ? "Linux"
            : null;
  return [browser, os].filter(Boolean).join(" · ") || null;
}

export default async function AccountPage() {
  const user = await requireUser("/account");
  const t = await getTranslations("account");
  const format = await getFormatter();
  const caller = await serverCaller();
  const [sessions, { hasPassword }] = await Promise.all([caller.account.sessions(), caller.account.signInMethods()]);
  return (
    <div className="space-y-6">
      <PageHeader title={t("title")} description={t("lead")} />
      <Card>
        <CardHeader title={t("profileTitle")} />
        <CardBody className="space-y-4">
          <p className="text-sm text-slate-700">
            {user.email} {user.emailVerified ? null : <Badge tone="amber">{t("unverified")}</Badge>}{" "}
            {user.isPlatformAdmin ? <Badge tone="brand">{t("platformAdmin")}</Badge> : null}
          </p>
          <NameForm name={user.name} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("emailTitle")} description={t("emailLead", { email: user.email })} />
        <CardBody>
          <EmailForm hasPassword={hasPassword} />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("passwordTitle")} description={t("passwordLead")} />
        <CardBody>
          <PasswordForm />
        </CardBody>
      </Card>
      <Card>
        <CardHeader title={t("sessionsTitle")} description={t("sessionsLead")} />
        <Table caption={t("sessionsTitle")}>
          <thead className="bg-slate-50">
            <tr>
              <Th>{t("device")}</Th>
              <Th>{t("ip")}</Th>
              <Th>{t("started")}</Th>
              <Th>{t("lastSeen")}</Th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {sessions.map((s) => (
              <tr key={s.id}>
                <Td title={s.userAgent ?? undefined}>
                  {browserOf(s.userAgent) ?? t("unknownDevice")} {s.current ? <Badge tone="green">{t("thisDevice")}</Badge> : null}
                </Td>
                <Td className="font-mono text-xs">{s.ip ?? "—"}</Td>
                <Td className="whitespace-nowrap">{format.dateTime(new Date(s.createdAt), { dateStyle: "medium", timeStyle: "short" })}</Td>
                <Td className="whitespace-nowrap">{format.relativeTime(new Date(s.lastSeenAt))}</Td>
              </tr>
            ))}
          </tbody>
        </Table>
        <CardBody className="border-t border-slate-100">
          <SessionActions />
        </CardBody>
      </Card>
    </div>
  );
}
