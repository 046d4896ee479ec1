"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export function AddAllowedHostForm() {
  const t = useTranslations("knowledge.hosts");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [host, setHost] = useState("");
  const add = useMutation(
    trpc.tools.addAllowedHost.mutationOptions({
      onSuccess: () => {
        setHost("");
        router.refresh();
      },
    }),
  );
  const fields = errorOf(add.error)?.fields ?? {};
  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-end"
      onSubmit={(event) => {
        event.preventDefault();
        add.mutate({ host });
      }}
    >
      <div className="flex-1">
        <Field label={t("host")} hint={t("hostHint")} error={fields.host ?? (add.error && !fields.host ? errorText(add.error) : null)}>
          {(p) => (
            <Input {...p} value={host} required maxLength={300} placeholder="api.example.com" onChange={(e) => setHost(e.target.value)} />
          )}
        </Field>
      </div>
      <Button type="submit" pending={add.isPending} disabled={!host.trim()} className="sm:mb-6">
        {add.isPending ? t("adding") : t("add")}
      </Button>
      {add.error && fields.host ? <Alert tone="error">{errorText(add.error)}</Alert> : null}
    </form>
  );
}

export function RemoveAllowedHostButton({ id, host }: { id: string; host: string }) {
  const t = useTranslations("knowledge.hosts");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.tools.removeAllowedHost.mutationOptions({ onSuccess: () => router.refresh() }));
  return (
    <ConfirmActionButton
      label={t("remove")}
      ariaLabel={t("removeLabel", { host })}
      className="text-red-700"
      title={t("removeTitle", { host })}
      description={t("removeBody")}
      confirmLabel={t("remove")}
      action={() => remove.mutateAsync({ id })}
    />
  );
}
