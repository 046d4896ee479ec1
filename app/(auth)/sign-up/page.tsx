import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignUpForm } from "@/components/auth/sign-up-form";
import { Alert } from "@/components/ui/alert";
import { firstAccountWillBeAdmin } from "@/server/auth/first-account-notice";
import { currentUser } from "@/server/http/rsc";
import { safeCallbackPath } from "@/server/http/safe-redirect";

export const metadata: Metadata = { title: "Create account" };

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
        <SignUpForm callbackUrl={callbackUrl} />
        <OAuthButtons callbackUrl={callbackUrl} />
      </div>
    </AuthCard>
  );
}
