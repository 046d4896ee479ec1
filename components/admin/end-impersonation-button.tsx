"use client";

import { useMutation } from "@tanstack/react-query";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";

/** Ends an impersonation now and returns to the tenant's console page. */
export function EndImpersonationButton({ impersonationId, size = "sm" }: { impersonationId: string; size?: "sm" | "md" }) {
  const t = useTranslations("admin");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const end = useMutation(
    trpc.admin.endImpersonation.mutationOptions({
      onSuccess: ({ tenantId }) => {
        router.push(`/admin/tenants/${tenantId}`);
        router.refresh();
      },
    }),
  );
  return (
    <span className="inline-flex items-center gap-2">
      <Button size={size} variant="secondary" pending={end.isPending} onClick={() => end.mutate({ impersonationId })}>
        {t("endNow")}
      </Button>
      {end.error ? (
        <span role="alert" className="text-sm">
          {errorText(end.error)}
        </span>
      ) : null}
    </span>
  );
}
