"use client";

import { useTranslations } from "next-intl";
import { errorOf } from "@/components/providers/trpc";

/** A failed call's message in the reader's language when it is one of our codes. */
export function useErrorText() {
  const t = useTranslations("errors");
  return (error: unknown): string | null => {
    const parsed = errorOf(error);
    if (!parsed) return null;
    const code = (error as { data?: { error?: { code?: string } } }).data?.error?.code;
    return code && t.has(code) ? t(code) : parsed.message;
  };
}
