"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";

const MAX = 4000;

/** Adds a comment to the incident's timeline (at most 4,000 characters; the server says so too). */
export function CommentForm({ id }: { id: string }) {
  const t = useTranslations("incidents");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const router = useRouter();
  const [body, setBody] = useState("");
  const comment = useMutation(
    trpc.incidents.comment.mutationOptions({
      onSuccess: () => {
        setBody("");
        router.refresh();
      },
    }),
  );
  const fieldError = errorOf(comment.error)?.fields.body;
  const over = body.length > MAX;
  return (
    <form
      className="space-y-2"
      onSubmit={(e) => {
        e.preventDefault();
        comment.mutate({ id, body });
      }}
    >
      <label htmlFor="incident-comment" className="block text-sm font-medium text-slate-800">
        {t("comment")}
      </label>
      <textarea
        id="incident-comment"
        value={body}
        rows={3}
        placeholder={t("commentPlaceholder")}
        aria-invalid={over || Boolean(fieldError)}
        aria-describedby="incident-comment-count"
        onChange={(e) => {
          setBody(e.target.value);
          comment.reset();
        }}
        className="block w-full rounded-md border-0 px-3 py-2 text-sm shadow-sm ring-1 ring-inset ring-slate-300 focus:ring-2 focus:ring-inset focus:ring-brand-500 aria-[invalid=true]:ring-red-500"
      />
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p id="incident-comment-count" className={over ? "text-xs text-red-600" : "text-xs text-slate-500"}>
          {t("commentCount", { count: body.length, max: MAX })}
        </p>
        <Button type="submit" size="sm" pending={comment.isPending} disabled={over || !body.trim()}>
          {t("addComment")}
        </Button>
      </div>
      {comment.error ? (
        <p role="alert" className="text-sm text-red-600">
          {fieldError ?? errorText(comment.error)}
        </p>
      ) : null}
    </form>
  );
}
