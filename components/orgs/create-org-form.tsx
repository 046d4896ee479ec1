"use client";

import { useMutation } from "@tanstack/react-query";
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { FormError, useFieldError } from "@/components/auth/form-error";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Button } from "@/components/ui/button";
import { Field, Input } from "@/components/ui/field";
import { slugFromName } from "@/server/tenancy/slug";

export function CreateOrgForm() {
  const t = useTranslations("orgs");
  const fieldError = useFieldError();
  const trpc = useTRPC();
  const router = useRouter();
  const [name, setName] = useState("");
  const [slug, setSlug] = useState("");
  const [slugEdited, setSlugEdited] = useState(false);
  const create = useMutation(
    trpc.account.createTenant.mutationOptions({
      onSuccess: (tenant) => {
        router.push(`/t/${tenant.slug}`);
        router.refresh();
      },
    }),
  );
  const error = errorOf(create.error);
  const code = (create.error?.data as { error?: { code?: string } } | undefined)?.error?.code;
  return (
    <form
      className="space-y-5"
      onSubmit={(event) => {
        event.preventDefault();
        create.mutate({ name, slug });
      }}
    >
      <FormError
        code={code && code !== "validation_failed" && code !== "slug_taken" && code !== "invalid_slug" ? code : undefined}
        message={error?.message}
      />
      <Field label={t("name")} hint={t("nameHint")} error={fieldError(error?.fields.name)}>
        {(p) => (
          <Input
            {...p}
            value={name}
            required
            maxLength={80}
            autoFocus
            onChange={(e) => {
              setName(e.target.value);
              if (!slugEdited) setSlug(slugFromName(e.target.value));
            }}
          />
        )}
      </Field>
      <Field
        label={t("slug")}
        hint={t("slugHint", { slug: slug || "acme" })}
        error={code === "slug_taken" || code === "invalid_slug" ? fieldError(code) : fieldError(error?.fields.slug)}
      >
        {(p) => (
          <Input
            {...p}
            value={slug}
            required
            maxLength={40}
            pattern={"[a-z0-9\\-]+"}
            onChange={(e) => {
              setSlugEdited(true);
              setSlug(e.target.value.toLowerCase());
            }}
          />
        )}
      </Field>
      <Button type="submit" pending={create.isPending} disabled={!name || !slug}>
        {create.isPending ? t("creating") : t("create")}
      </Button>
    </form>
  );
}
