"use client";

import { useTranslations } from "next-intl";
import { Alert } from "@/components/ui/alert";

/** Shows a form's error code in the reader's language, falling back to the server's words. */
export function FormError({ code, message }: { code?: string; message?: string }) {
  const t = useTranslations("errors");
  if (!code) return null;
  return <Alert tone="error">{t.has(code) ? t(code) : (message ?? t("generic"))}</Alert>;
}

/** A field error: translated when it is one of our codes, else the validator's message. */
export function useFieldError() {
  const t = useTranslations("errors");
  return (value: string | undefined) => (value ? (t.has(value) ? t(value) : value) : undefined);
}
