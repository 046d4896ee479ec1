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

/** New collection (name, description); opens its page once created. */
export function CreateCollectionDialog({ basePath }: { basePath: string }) {
  const t = useTranslations("knowledge");
  const tCommon = useTranslations("common");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState("");
  const [description, setDescription] = useState("");
  const create = useMutation(
    trpc.knowledge.createCollection.mutationOptions({ onSuccess: (collection) => router.push(`${basePath}/collections/${collection.id}`) }),
  );
  const fields = errorOf(create.error)?.fields ?? {};
  const close = () => {
    setOpen(false);
    create.reset();
  };
  return (
    <>
      <Button onClick={() => setOpen(true)}>{t("newCollection")}</Button>
      <Dialog open={open} onClose={close} title={t("createTitle")}>
        <form
          className="space-y-4"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ name, description });
          }}
        >
          <Field label={t("name")} error={fields.name}>
            {(p) => <Input {...p} value={name} required maxLength={80} autoFocus onChange={(e) => setName(e.target.value)} />}
          </Field>
          <Field label={t("description")} hint={t("descriptionHint")} error={fields.description}>
            {(p) => <Input {...p} value={description} maxLength={500} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          {create.error ? <Alert tone="error">{errorText(create.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Button variant="secondary" onClick={close}>
              {tCommon("cancel")}
            </Button>
            <Button type="submit" pending={create.isPending} disabled={!name.trim()}>
              {create.isPending ? t("creating") : t("create")}
            </Button>
          </div>
        </form>
      </Dialog>
    </>
  );
}
