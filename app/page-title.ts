import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import type titles from "@/messages/en/titles.json";

type TitleKey = Exclude<keyof typeof titles, "description">;

/** A page's tab title in the reader's language: `export const generateMetadata = titled("members")`. */
export function titled(key: TitleKey) {
  return async function generateMetadata(): Promise<Metadata> {
    const t = await getTranslations("titles");
    return { title: t(key) };
  };
}
