import Link from "next/link";
import { TRPCError } from "@trpc/server";
import { getFormatter, getTranslations } from "next-intl/server";
import { signOutAction } from "@/app/(auth)/actions";
import { AuthCard } from "@/components/auth/auth-card";
import { AcceptForm } from "@/components/invite/accept-form";
import { Alert } from "@/components/ui/alert";
import { buttonClasses } from "@/components/ui/button";
import { currentUser, serverCaller } from "@/server/http/rsc";
import type { InvitationPreview } from "@/server/tenancy/accept-invitation";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("invitation");

async function previewOf(token: string): Promise<InvitationPreview | null> {
  try {
    return await (await serverCaller()).invitations.preview({ token });
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return null;
    throw error;
  }
}

export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const t = await getTranslations("invite");
  const tCommon = await getTranslations("common");
  const tAuth = await getTranslations("auth");
  const tErrors = await getTranslations("errors");
  const format = await getFormatter();
  const [invitation, user] = await Promise.all([previewOf(token), currentUser()]);
  const back = `/invite/${token}`;

  if (!invitation) {
    return (
      <AuthCard title={t("notFoundTitle")}>
        <p className="text-sm text-slate-600">{t("notFoundBody")}</p>
      </AuthCard>
    );
  }
  const org = invitation.tenantName;
  if (invitation.status !== "pending") {
    const key = invitation.status as "expired" | "accepted" | "revoked";
    return (
      <AuthCard title={t(`${key}Title`)}>
        <div className="space-y-4">
          <p className="text-sm text-slate-600">{t(`${key}Body`, { org })}</p>
          <Link href="/orgs" className={buttonClasses("secondary")}>
            {t("toOrganisations")}
          </Link>
        </div>
      </AuthCard>
    );
  }
  const role = tCommon(`roles.${invitation.role as "owner"}`);
  const lead = invitation.inviter
    ? t("lead", { inviter: invitation.inviter, email: invitation.email, org, role })
    : t("leadNoInviter", { email: invitation.email, org, role });
  return (
    <AuthCard title={t("title", { org })} lead={lead}>
      <div className="space-y-4">
        <p className="text-sm text-slate-600">{t("expires", { when: format.relativeTime(new Date(invitation.expiresAt)) })}</p>
        {!user ? (
          <div className="flex flex-col gap-2">
            <Link href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`} className={buttonClasses("primary")}>
              {t("signInToAccept")}
            </Link>
            <Link href={`/sign-up?callbackUrl=${encodeURIComponent(back)}`} className={buttonClasses("secondary")}>
              {t("createAccount")}
            </Link>
          </div>
        ) : user.email === invitation.email ? (
          <>
            <p className="text-sm text-slate-600">{t("signedInAs", { email: user.email })}</p>
            {/* Holding the link does not prove the address is yours: confirm it first. */}
            {user.emailVerified ? <AcceptForm token={token} /> : <Alert tone="warning">{tErrors("email_unverified")}</Alert>}
          </>
        ) : (
          <>
            <Alert tone="warning">{t("wrongAccount", { email: invitation.email })}</Alert>
            <form action={signOutAction}>
              <input type="hidden" name="callbackUrl" value={back} />
              <button type="submit" className={buttonClasses("secondary")}>
                {tAuth("signOut")}
              </button>
            </form>
          </>
        )}
      </div>
    </AuthCard>
  );
}
