import Link from "next/link";
import { getTranslations } from "next-intl/server";
import { AuthCard } from "@/components/auth/auth-card";
import { ForgotForm } from "@/components/auth/forgot-form";
import { titled } from "@/app/page-title";

export const generateMetadata = titled("forgotPassword");

export default async function ForgotPasswordPage() {
  const t = await getTranslations("auth");
  return (
    <AuthCard
      title={t("forgotTitle")}
      lead={t("forgotLead")}
      footer={
        <Link className="font-medium text-brand-700 hover:underline" href="/sign-in">
          {t("backToSignIn")}
        </Link>
      }
    >
      <ForgotForm />
    </AuthCard>
  );
}
