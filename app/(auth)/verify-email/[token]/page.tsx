import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { VerifyEmailForm } from "@/components/auth/verify-email-form";
import { safeCallbackPath } from "@/server/http/safe-redirect";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("auth");
  return { title: t("verifyTitle") };
}

export default async function VerifyEmailPage({
  params,
  searchParams,
}: {
  params: Promise<{ token: string }>;
  searchParams: Promise<Record<string, string | undefined>>;
}) {
  const [{ token }, { next }] = await Promise.all([params, searchParams]);
  const t = await getTranslations("auth");
  return (
    <AuthCard title={t("verifyTitle")} lead={t("verifyLead")}>
      <VerifyEmailForm token={token} next={safeCallbackPath(next, "/orgs")} />
    </AuthCard>
  );
}
