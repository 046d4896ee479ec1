"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button } from "@/components/ui/button";
import { Dialog } from "@/components/ui/dialog";
import { Field, Input } from "@/components/ui/field";

export function RenameCollectionDialog({
  id,
  name: current,
  description: currentDescription,
}: {
  id: string;
  name: string;
  description: string;
}) {
  const t = useTranslations("knowledge");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState(current);
  const [description, setDescription] = useState(currentDescription);
  const rename = useMutation(
    trpc.knowledge.renameCollection.mutationOptions({
      onSuccess: () => {
        setOpen(false);
        router.refresh();
      },
    }),
  );
  const fields = errorOf(rename.error)?.fields ?? {};
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        {t("rename")}
      </Button>
      <Dialog
        open={open}
        onClose={() => {
          setOpen(false);
          rename.reset();
        }}
        title={t("renameTitle")}
      >
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            rename.mutate({ id, name, description });
          }}
        >
          <Field label={t("name")} error={fields.name}>
            {(p) => <Input {...p} value={name} required maxLength={80} autoFocus onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t("description")} hint={t("descriptionHint")} error={fields.description}>
            {(p) => <Input {...p} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          {rename.error ? <Alert tone="error">{errorText(rename.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              {tCommon("cancel")}
            </Button>
            <Button type="submit" pending={rename.isPending} disabled={!name.trim()}>
              {rename.isPending ? t("saving") : t("save")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
