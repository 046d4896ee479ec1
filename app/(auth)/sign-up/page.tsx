import Link from "next/link";
import { redirect } from "next/navigation";
import { TRPCError } from "@trpc/server";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { firstAccountWillBeAdmin } from "@/server/auth/first-account-notice";
import { currentUser, serverCaller } from "@/server/http/rsc";
import { safeCallbackPath } from "@/server/http/safe-redirect";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("signUp");

/** Signing up from an invitation (`callbackUrl=/invite/<token>`): its address, if still pending. */
async function invitedEmailFor(callbackUrl: string): Promise<string | undefined> {
  const token = /^\/invite\/([A-Za-z0-9_-]{1,200})$/.exec(callbackUrl)?.[1];
  if (!token) return undefined;
  try {
    const invitation = await (await serverCaller()).invitations.preview({ token });
    return invitation.status === "pending" ? invitation.email : undefined;
  } catch (error) {
    if (error instanceof TRPCError && error.code === "NOT_FOUND") return undefined; // an ordinary sign-up
    throw error;
  }
}

export default async function SignUpPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl, "/orgs/new");
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  const firstAccountIsAdmin = await firstAccountWillBeAdmin();
  return (
    <AuthCard
      title={t("signUpTitle")}
      lead={t("signUpLead")}
      footer={
        <>
          {t("haveAccount")}{" "}
          <Link className="font-medium text-brand-700 hover:underline" href={`/sign-in?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            {t("signIn")}
          </Link>
        </>
      }
    >
      <div className="space-y-6">
        {firstAccountIsAdmin ? <Alert tone="info">{t("firstAccountNotice")}</Alert> : null}
        <SignUpForm callbackUrl={callbackUrl} invitedEmail={await invitedEmailFor(callbackUrl)} />
        <OAuthButtons callbackUrl={callbackUrl} />
      </div>
    </AuthCard>
  );
}
