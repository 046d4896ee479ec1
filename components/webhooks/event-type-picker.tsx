"use client";

import { useTranslations } from "next-intl";

export type EventFamily = { family: string; types: string[] };

/**
 * The event picker: everything (`*`), whole families (`run.*`) or single types, grouped by family
 * with the family's name from the catalogue labels. A chosen family or `*` covers its types, so
 * their boxes show as covered rather than as a second choice.
 */
export function EventTypePicker({
  families,
  selected,
  onChange,
  error,
}: {
  families: EventFamily[];
  selected: Set<string>;
  onChange: (next: Set<string>) => void;
  error?: string | null;
}) {
  const t = useTranslations("webhooks");
  const label = (family: string) => (t.has(`families.${family}`) ? t(`families.${family}` as "families.run") : family);
  const toggle = (pattern: string, on: boolean) => {
    const next = new Set(selected);
    if (on) next.add(pattern);
    else next.delete(pattern);
    onChange(next);
  };
  const all = selected.has("*");
  return (
    <fieldset className="space-y-2" aria-describedby="event-types-hint">
      <legend className="text-sm font-medium text-slate-800">{t("events")}</legend>
      <p id="event-types-hint" className="text-xs text-slate-500">
        {t("eventsHint")}
      </p>
      <label className="flex items-center gap-2 text-sm font-medium">
        <input type="checkbox" className="size-4" checked={all} onChange={(e) => toggle("*", e.target.checked)} />
        {t("allEvents")}
      </label>
      <div className="grid max-h-80 gap-3 overflow-y-auto rounded-md p-1 ring-1 ring-slate-200 sm:grid-cols-2">
        {families.map(({ family, types }) => {
          const whole = all || selected.has(`${family}.*`);
          return (
            <fieldset key={family} className="space-y-1 p-2">
              <legend className="text-xs font-semibold uppercase tracking-wide text-slate-500">{label(family)}</legend>
              <label className="flex items-center gap-2 text-sm">
                <input
                  type="checkbox"
                  className="size-4"
                  disabled={all}
                  checked={whole}
                  onChange={(e) => toggle(`${family}.*`, e.target.checked)}
                />
                {t("wholeFamily", { family: label(family) })}
              </label>
              {types.map((type) => (
                <label key={type} className="flex items-center gap-2 pl-4 text-sm">
                  <input
                    type="checkbox"
                    className="size-4"
                    disabled={whole}
                    checked={whole || selected.has(type)}
                    onChange={(e) => toggle(type, e.target.checked)}
                  />
                  <span className="font-mono text-xs">{type}</span>
                </label>
              ))}
            </fieldset>
          );
        })}
      </div>
      {error ? (
        <p className="text-sm text-red-600" role="alert">
          {error}
        </p>
      ) : null}
    </fieldset>
  );
}
