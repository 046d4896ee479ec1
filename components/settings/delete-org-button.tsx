"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

/** Deleting needs the slug typed out: the server checks it again, so this is not just UI. */
export function DeleteOrgButton({ name, slug }: { name: string; slug: string }) {
  const t = useTranslations("settings");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(
    trpc.tenant.delete.mutationOptions({
      onSuccess: () => {
        router.push("/orgs");
        router.refresh();
      },
    }),
  );
  return (
    <ConfirmActionButton
      label={t("delete")}
      variant="danger"
      title={t("deleteTitle", { name })}
      description={t("deleteConfirmBody")}
      confirmLabel={t("delete")}
      typeToConfirm={slug}
      action={() => remove.mutateAsync({ confirmSlug: slug })}
    />
  );
}
