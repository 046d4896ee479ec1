import { TrpcProvider } from "@/components/providers/trpc";

/** Everything behind sign-in shares the tRPC client; each section renders its own frame. */
export default function PortalLayout({ children }: { children: React.ReactNode }) {
  return <TrpcProvider>{children}</TrpcProvider>;
}
