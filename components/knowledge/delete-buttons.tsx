"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { ConfirmActionButton } from "@/components/actions/confirm-action-button";
import { useTRPC } from "@/components/providers/trpc";

/** Deleting a collection takes its documents with it: the name must be typed back. */
export function DeleteCollectionButton({
  id,
  name,
  documents,
  afterPath,
}: {
  id: string;
  name: string;
  documents: number;
  afterPath: string;
}) {
  const t = useTranslations("knowledge");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(trpc.knowledge.deleteCollection.mutationOptions({ onSuccess: () => router.push(afterPath) }));
  return (
    <ConfirmActionButton
      label={t("deleteCollection")}
      variant="danger"
      title={t("deleteCollectionTitle", { name })}
      description={t("deleteCollectionBody", { documents })}
      confirmLabel={t("delete")}
      typeToConfirm={name}
      action={() => remove.mutateAsync({ id, confirmName: name })}
    />
  );
}

export function DeleteDocumentButton({ id, title, afterPath }: { id: string; title: string; afterPath?: string }) {
  const t = useTranslations("knowledge");
  const trpc = useTRPC();
  const router = useRouter();
  const remove = useMutation(
    trpc.knowledge.deleteDocument.mutationOptions({ onSuccess: () => (afterPath ? router.push(afterPath) : router.refresh()) }),
  );
  return (
    <ConfirmActionButton
      label={t("deleteDocument")}
      ariaLabel={t("deleteDocumentLabel", { title })}
      className="text-red-700"
      title={t("deleteDocumentTitle", { title })}
      description={t("deleteDocumentBody")}
      confirmLabel={t("delete")}
      action={() => remove.mutateAsync({ id })}
    />
  );
}
