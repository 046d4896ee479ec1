"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";

export function RenameForm({ name: initial, editable }: { name: string; editable: boolean }) {
  const t = useTranslations("settings");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState(initial);
  const update = useMutation(trpc.tenant.update.mutationOptions({ onSuccess: () => router.refresh() }));
  const fieldError = errorOf(update.error)?.fields.name ?? (update.error ? errorText(update.error) : null);
  return (
    <form
      className="flex flex-col gap-3 sm:flex-row sm:items-start"
      onSubmit={(event) => {
        event.preventDefault();
        update.mutate({ name });
      }}
    >
      <div className="flex-1">
        <Field label={t("name")} error={fieldError}>
          {(p) => <Input {...p} value={name} disabled={!editable} required maxLength={80} onChange={(e) => setName(e.target.value)} />}
        </Field>
      </div>
      {editable ? (
        <div className="flex items-center gap-3 sm:pt-7">
          <Button type="submit" pending={update.isPending} disabled={name.trim() === initial}>
            {update.isPending ? tCommon("saving") : tCommon("save")}
          </Button>
          {update.isSuccess && name.trim() === initial ? (
            <span role="status" className="text-sm text-emerald-700">
              {t("saved")}
            </span>
          ) : null}
        </div>
      ) : null}
    </form>
  );
}
