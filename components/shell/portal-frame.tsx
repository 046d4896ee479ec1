import type { ReactNode } from "react";
import { requireUser, serverCaller } from "@/server/http/rsc";
import { UnverifiedBanner } from "@/components/account/unverified-banner";
import { AppHeader } from "./app-header";

/** Signed-in pages: sends strangers to sign-in (and back to `returnTo`), then draws the header. */
export async function PortalFrame({
  returnTo,
  currentSlug,
  bell = false,
  children,
}: {
  returnTo: string;
  currentSlug?: string;
  /** Show the notification bell (inside an organisation, for members who may read incidents). */
  bell?: boolean;
  children: ReactNode;
}) {
  const user = await requireUser(returnTo);
  const tenants = await (await serverCaller()).account.tenants();
  return (
    <>
      <AppHeader user={user} tenants={tenants} currentSlug={currentSlug} bell={bell} />
      {user.emailVerified ? null : <UnverifiedBanner email={user.email} />}
      <div id="content">{children}</div>
    </>
  );
}
