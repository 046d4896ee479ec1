"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { HookSecretDialog } from "./hook-secret-dialog";
import { useRouter } from "next/navigation";

/** "New from the customer-service template": creates it (with a local-provider agent) and opens it. */
export function TemplateButton({
  base,
  hookBase,
  tenantId,
  variant = "secondary",
}: {
  base: string;
  hookBase: string;
  tenantId: string;
  variant?: "primary" | "secondary";
}) {
  const t = useTranslations("workflows");
  const trpc = useTRPC();
  const router = useRouter();
  const errorText = useErrorText();
  const create = useMutation(trpc.workflows.create.mutationOptions());
  const [created, setCreated] = useState<{ id: string; secret: string } | null>(null);
  return (
    <>
      <Button
        type="button"
        variant={variant}
        pending={create.isPending}
        onClick={async () => {
          const saved = await create.mutateAsync({ name: t("templateName"), template: "customer-service" });
          setCreated({ id: saved.id, secret: saved.hookSecret });
        }}
      >
        {create.isPending ? t("creating") : t("fromTemplate")}
      </Button>
      {create.error ? <Alert tone="error">{errorText(create.error)}</Alert> : null}
      <HookSecretDialog
        secret={created?.secret ?? null}
        hookUrl={created ? `${hookBase}/api/v1/workflows/${created.id}/hooks/${tenantId}` : ""}
        onClose={() => {
          const id = created?.id;
          setCreated(null);
          if (id) router.push(`${base}/${id}`);
        }}
      />
    </>
  );
}
