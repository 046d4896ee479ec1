import { getFormatter, getTranslations } from "next-intl/server";
import { serverCaller } from "@/server/http/rsc";
import { EndImpersonationButton } from "./end-impersonation-button";

/**
 * Shown across an organisation's portal while a platform operator is looking in: whose portal,
 * that nothing can be changed, when it ends (the server refuses the next request after that
 * whatever this page says), and a way to end it now.
 */
export async function ImpersonationBanner({ slug }: { slug: string }) {
  const caller = await serverCaller();
  const impersonation = await caller.admin.currentImpersonation({ tenantSlug: slug }).catch(() => null);
  if (!impersonation) return null;
  const [t, format] = await Promise.all([getTranslations("admin"), getFormatter()]);
  const ends = format.dateTime(new Date(impersonation.expiresAt), { hour: "2-digit", minute: "2-digit", hour12: false });
  return (
    <div role="status" data-testid="impersonation-banner" className="border-b border-amber-300 bg-amber-100 text-amber-950">
      <div className="mx-auto flex max-w-7xl flex-wrap items-center gap-x-4 gap-y-2 px-4 py-2 text-sm sm:px-6">
        <p className="font-medium">{t("bannerText", { org: impersonation.tenantName, time: ends })}</p>
        <EndImpersonationButton impersonationId={impersonation.id} />
      </div>
    </div>
  );
}
