import { PortalFrame } from "@/components/shell/portal-frame";

export default function AccountLayout({ children }: { children: React.ReactNode }) {
  return (
    <PortalFrame returnTo="/account">
      <main className="mx-auto max-w-4xl px-4 py-10 sm:px-6">{children}</main>
    </PortalFrame>
  );
}
