"use client";

import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { createTRPCClient, httpBatchLink, TRPCClientError } from "@trpc/client";
import { MAX_TRPC_BATCH } from "@/server/http/trpc-batch";
import { createTRPCContext } from "@trpc/tanstack-react-query";
import { useState, type ReactNode } from "react";
import type { AppRouter } from "@/server/trpc/root";
import type { ErrorEnvelope } from "@/server/trpc/error-shape";

export const { TRPCProvider, useTRPC } = createTRPCContext<AppRouter>();

/** The organisation the page is in, from the URL (/t/<slug>/…), sent as x-agentry-tenant. */
function tenantFromLocation(): string | undefined {
  if (typeof window === "undefined") return undefined;
  return window.location.pathname.match(/^\/t\/([^/]+)/)?.[1];
}

export function TrpcProvider({ children }: { children: ReactNode }) {
  const [queryClient] = useState(() => new QueryClient({ defaultOptions: { queries: { staleTime: 15_000, retry: false } } }));
  const [trpcClient] = useState(() =>
    createTRPCClient<AppRouter>({
      links: [
        httpBatchLink({
          url: "/api/trpc",
          maxItems: MAX_TRPC_BATCH,
          headers() {
            const tenant = tenantFromLocation();
            return tenant ? { "x-agentry-tenant": tenant } : {};
          },
        }),
      ],
    }),
  );
  return (
    <QueryClientProvider client={queryClient}>
      <TRPCProvider trpcClient={trpcClient} queryClient={queryClient}>
        {children}
      </TRPCProvider>
    </QueryClientProvider>
  );
}

/** The envelope of a failed call: the message to show and, per field, what is wrong. */
export function errorOf(error: unknown): { message: string; fields: Record<string, string> } | null {
  if (!error) return null;
  if (error instanceof TRPCClientError) {
    const envelope = (error.data as { error?: ErrorEnvelope } | undefined)?.error;
    const fields = (envelope?.details?.fields as Record<string, string> | undefined) ?? {};
    return { message: envelope?.message ?? error.message, fields };
  }
  return { message: error instanceof Error ? error.message : String(error), fields: {} };
}
