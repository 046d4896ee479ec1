import { TrpcProvider } from "@/components/providers/trpc";
import { PortalFrame } from "@/components/shell/portal-frame";

/**
 * The platform console sits outside the (portal) group (its URL is /admin, not a tenant's), so
 * it brings its own frame, and the tRPC client its future actions (suspend…) will need.
 */
export default function AdminLayout({ children }: { children: React.ReactNode }) {
  return (
    <TrpcProvider>
      <PortalFrame returnTo="/admin">
        <main className="mx-auto max-w-7xl px-4 py-8 sm:px-6">{children}</main>
      </PortalFrame>
    </TrpcProvider>
  );
}
