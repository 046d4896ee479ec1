"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/members/use-error-text";
import { useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { ConfirmDialog } from "@/components/ui/confirm-dialog";

/** Deleting needs the slug typed out: the server checks it again, so this is not just UI. */
export function DeleteOrgButton({ name, slug }: { name: string; slug: string }) {
  const t = useTranslations("settings");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const remove = useMutation(
    trpc.tenant.delete.mutationOptions({
      onSuccess: () => {
        router.push("/orgs");
        router.refresh();
      },
    }),
  );
  return (
    <>
      <Button variant="danger" onClick={() => setOpen(true)}>
        {t("delete")}
      </Button>
      <ConfirmDialog
        open={open}
        onClose={() => setOpen(false)}
        onConfirm={() => remove.mutate({ confirmSlug: slug })}
        title={t("deleteTitle", { name })}
        description={t("deleteConfirmBody")}
        confirmLabel={t("delete")}
        typeToConfirm={slug}
        pending={remove.isPending}
        error={errorText(remove.error)}
      />
    </>
  );
}
