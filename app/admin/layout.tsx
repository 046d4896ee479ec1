import { AdminNav } from "@/components/admin/admin-nav";
import { TrpcProvider } from "@/components/providers/trpc";
import { notFound } from "next/navigation";
import { PortalFrame } from "@/components/shell/portal-frame";
import { requireUser } from "@/server/http/rsc";

/**
 * The platform console sits outside the (portal) group (its URL is /admin, not a tenant's), so
 * it brings its own frame, and the tRPC client its actions (suspend, overrides, impersonation) use.
 *
 * Platform operators only: to anyone else the console does not exist. The check is here, not in
 * the page, because the page sits under `loading.tsx`'s Suspense boundary: by the time it could
 * call `notFound()` the 200 status has been sent with the skeleton. A layout renders before that.
 */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await requireUser("/admin");
  if (!user.isPlatformAdmin) notFound();
  return (
    <TrpcProvider>
      <PortalFrame returnTo="/admin">
        <div className="mx-auto max-w-7xl px-4 pt-6 sm:px-6">
          <AdminNav />
        </div>
        <main className="mx-auto max-w-7xl px-4 pb-8 sm:px-6">{children}</main>
      </PortalFrame>
    </TrpcProvider>
  );
}
