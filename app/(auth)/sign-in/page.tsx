import Link from "next/link";
import { redirect } from "next/navigation";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { OAuthButtons } from "@/components/auth/oauth-buttons";
import { SignInForm } from "@/components/auth/sign-in-form";
import { currentUser } from "@/server/http/rsc";
import { safeCallbackPath } from "@/server/http/safe-redirect";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("signIn");

export default async function SignInPage({ searchParams }: { searchParams: Promise<Record<string, string | undefined>> }) {
  const params = await searchParams;
  const callbackUrl = safeCallbackPath(params.callbackUrl);
  if (await currentUser()) redirect(callbackUrl);
  const t = await getTranslations("auth");
  return (
    <AuthCard
      title={t("signInTitle")}
      lead={t("signInLead")}
      footer={
        <>
          {t("noAccount")}{" "}
          <Link className="font-medium text-brand-700 hover:underline" href={`/sign-up?callbackUrl=${encodeURIComponent(callbackUrl)}`}>
            {t("signUp")}
          </Link>
        </>
      }
    >
      <div className="space-y-6">
        <SignInForm callbackUrl={callbackUrl} oauthError={params.error ? params.error.slice(0, 60) : null} />
        <OAuthButtons callbackUrl={callbackUrl} />
      </div>
    </AuthCard>
  );
}
