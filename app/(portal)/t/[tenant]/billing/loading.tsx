import { getTranslations } from "next-intl/server";
import { PageSkeleton } from "@/components/ui/skeleton";

/** The billing page's shape while its figures load. */
export default async function Loading() {
  const t = await getTranslations("billing.page");
  return <PageSkeleton label={t("loading")} />;
}
