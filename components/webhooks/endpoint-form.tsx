"use client";

import { useMutation } from "@tanstack/react-query";
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { useErrorText } from "@/components/actions/use-error-text";
import { errorOf, useTRPC } from "@/components/providers/trpc";
import { Alert } from "@/components/ui/alert";
import { Button, buttonClasses } from "@/components/ui/button";
import { Card, CardBody } from "@/components/ui/card";
import { Field, Input } from "@/components/ui/field";
import { EventTypePicker, type EventFamily } from "./event-type-picker";
import { FilterEditor, filtersOf, type FilterRow } from "./filter-editor";
import { SecretOnce } from "./secret-once";

/**
 * Add an endpoint: URL, description, events, filters. The server vets the URL (a private address
 * is refused with a message in the reader's language) and answers with the signing secret, shown
 * here once, with a link on to the endpoint's page.
 */
export function EndpointForm({ base, families }: { base: string; families: EventFamily[] }) {
  const t = useTranslations("webhooks");
  const errorText = useErrorText();
  const trpc = useTRPC();
  const [url, setUrl] = useState("");
  const [description, setDescription] = useState("");
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [filters, setFilters] = useState<FilterRow[]>([]);
  const create = useMutation(trpc.webhooks.create.mutationOptions());
  const fields = errorOf(create.error)?.fields ?? {};
  const eventTypesError = Object.entries(fields).find(([path]) => path.startsWith("eventTypes"))?.[1];

  if (create.data) {
    return (
      <Card>
        <CardBody className="space-y-4">
          <SecretOnce secret={create.data.secret} />
          <div className="flex justify-end">
            <Link href={`${base}/webhooks/${create.data.id}`} className={buttonClasses("primary")}>
              {t("secretDone")} — {t("openEndpoint")}
            </Link>
          </div>
        </CardBody>
      </Card>
    );
  }
  return (
    <Card>
      <CardBody>
        <form
          className="space-y-5"
          onSubmit={(event) => {
            event.preventDefault();
            create.mutate({ url: url.trim(), description, eventTypes: [...selected], filters: filtersOf(filters) });
          }}
        >
          <Field label={t("url")} hint={t("urlHint")} error={fields.url}>
            {(p) => (
              <Input
                {...p}
                type="url"
                inputMode="url"
                required
                maxLength={2048}
                placeholder="https://hooks.example.com/agentry"
                value={url}
                autoFocus
                onChange={(e) => setUrl(e.target.value)}
              />
            )}
          </Field>
          <Field label={t("description")} hint={t("descriptionHint")} error={fields.description}>
            {(p) => <Input {...p} maxLength={500} value={description} onChange={(e) => setDescription(e.target.value)} />}
          </Field>
          <EventTypePicker families={families} selected={selected} onChange={setSelected} error={eventTypesError} />
          <FilterEditor rows={filters} onChange={setFilters} errors={fields} />
          {create.error ? <Alert tone="error">{errorText(create.error)}</Alert> : null}
          <div className="flex justify-end gap-2">
            <Link href={`${base}/webhooks`} className={buttonClasses("secondary")}>
              {t("cancel")}
            </Link>
            <Button type="submit" pending={create.isPending} disabled={!url.trim() || selected.size === 0}>
              {create.isPending ? t("creating") : t("create")}
            </Button>
          </div>
        </form>
      </CardBody>
    </Card>
  );
}
