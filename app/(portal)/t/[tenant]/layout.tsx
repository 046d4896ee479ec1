import { ImpersonationBanner } from "@/components/admin/impersonation-banner";
import { FrameBannerGate } from "@/components/billing/frame-banner-gate";
import { PaymentBanner } from "@/components/billing/payment-banner";
import { PortalFrame } from "@/components/shell/portal-frame";
import { TenantNav, type TenantNavItem } from "@/components/shell/tenant-nav";
import { getTranslations } from "next-intl/server";
import { load, requireUser, tenantAccess } from "@/server/http/rsc";

/** An organisation's pages: its navigation, filtered by what the member's role allows. */
export default async function TenantLayout({ children, params }: { children: React.ReactNode; params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  await requireUser(`/t/${slug}`);
  const { can, me, caller } = await tenantAccess(slug);
  // A platform operator looking in read-only (server/tenancy/impersonation-access.ts): say so on every page.
  const impersonating = me.type === "platform";
  // Owners and admins see a failed payment on every page (one indexed read of the subscription row).
  const paymentProblem = can("billing:read") && !impersonating ? await load(caller.billing.paymentProblem()) : null;
  const base = `/t/${slug}`;
  const items: TenantNavItem[] = [
    { href: base, key: "overview" },
    ...(can("agent:read") ? [{ href: `${base}/agents`, key: "agents" } as const] : []),
    ...(can("run:read") ? [{ href: `${base}/runs`, key: "runs" } as const] : []),
    ...(can("workflow:read") ? [{ href: `${base}/workflows`, key: "workflows" } as const] : []),
    ...(can("workflow:read") ? [{ href: `${base}/approvals`, key: "approvals" } as const] : []),
    ...(can("knowledge:read") ? [{ href: `${base}/knowledge`, key: "knowledge" } as const] : []),
    ...(can("incident:read") ? [{ href: `${base}/incidents`, key: "incidents" } as const] : []),
    ...(can("guard:read") ? [{ href: `${base}/guard`, key: "guard" } as const] : []),
    ...(can("playbook:read") ? [{ href: `${base}/playbooks`, key: "playbooks" } as const] : []),
    ...(can("provider:read") ? [{ href: `${base}/providers`, key: "providers" } as const] : []),
    ...(can("member:read") ? [{ href: `${base}/members`, key: "members" } as const] : []),
    ...(can("apikey:read") ? [{ href: `${base}/api-keys`, key: "apiKeys" } as const] : []),
    ...(can("webhook:read") ? [{ href: `${base}/webhooks`, key: "webhooks" } as const] : []),
    ...(can("audit:read") ? [{ href: `${base}/audit`, key: "audit" } as const] : []),
    ...(can("event:read") ? [{ href: `${base}/events`, key: "events" } as const] : []),
    { href: `${base}/api`, key: "apiReference" },
    ...(can("billing:read") ? [{ href: `${base}/billing`, key: "billing" } as const] : []),
    { href: `${base}/settings`, key: "settings" },
  ];
  return (
    <PortalFrame returnTo={base} currentSlug={slug} bell={(can("incident:read") || can("billing:read")) && !impersonating}>
      {impersonating ? <ImpersonationBanner slug={slug} /> : null}
      {paymentProblem ? (
        <FrameBannerGate billingPath={`${base}/billing`} label={(await getTranslations("billing.banner"))("title")}>
          <PaymentBanner problem={paymentProblem} billingHref={`${base}/billing`} />
        </FrameBannerGate>
      ) : null}
      <div className="mx-auto flex max-w-7xl flex-col gap-6 px-4 py-8 sm:px-6 md:flex-row">
        <TenantNav items={items} />
        <main className="min-w-0 flex-1">{children}</main>
      </div>
    </PortalFrame>
  );
}
