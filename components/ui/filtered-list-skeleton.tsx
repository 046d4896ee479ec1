import { getTranslations } from "next-intl/server";
import { Skeleton } from "./skeleton";

/** A filtered list page's shape while it loads (audit log, incidents): header, filter bar, then rows. */
export async function FilteredListSkeleton() {
  const t = await getTranslations("common");
  return (
    <div role="status" aria-label={t("loading")} className="space-y-6">
      <div className="flex items-end justify-between gap-4">
        <div className="space-y-2">
          <Skeleton className="h-8 w-48" />
          <Skeleton className="h-4 w-96 max-w-full" />
        </div>
        <Skeleton className="h-8 w-48" />
      </div>
      <div className="rounded-lg bg-white ring-1 ring-slate-200">
        <div className="grid gap-4 border-b border-slate-200 p-5 sm:grid-cols-4">
          {Array.from({ length: 4 }, (_, i) => (
            <Skeleton key={i} className="h-10 w-full" />
          ))}
        </div>
        <div className="space-y-3 p-5">
          {Array.from({ length: 8 }, (_, i) => (
            <Skeleton key={i} className="h-9 w-full" />
          ))}
        </div>
      </div>
    </div>
  );
}
