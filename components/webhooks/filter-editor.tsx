"use client";

import { useTranslations } from "next-intl";
import { Button } from "@/components/ui/button";
import { Input, Select } from "@/components/ui/field";

export type FilterRow = { field: string; op: "eq" | "neq" | "in" | "exists"; value: string };
type Scalar = string | number | boolean | null;

/** What a typed value means: numbers, true/false and null as such, anything else as text. */
function scalar(text: string): Scalar {
  const value = text.trim();
  if (/^-?\d+(\.\d+)?$/.test(value)) return Number(value);
  if (value === "true" || value === "false") return value === "true";
  if (value === "null") return null;
  return value;
}

type ApiFilter =
  { field: string; op: "exists" } | { field: string; op: "in"; value: Scalar[] } | { field: string; op: "eq" | "neq"; value: Scalar };

/** The rows as the API takes them (server/webhooks/filters.ts). */
export function filtersOf(rows: FilterRow[]): ApiFilter[] {
  return rows
    .filter((row) => row.field.trim())
    .map((row): ApiFilter => {
      const field = row.field.trim();
      if (row.op === "exists") return { field, op: "exists" };
      if (row.op === "in") return { field, op: "in", value: row.value.split(",").map(scalar) };
      return { field, op: row.op, value: scalar(row.value) };
    });
}

const OPS = ["eq", "neq", "in", "exists"] as const;

/** Conditions on the payload: a field path, an operator, a value. */
export function FilterEditor({
  rows,
  onChange,
  errors,
}: {
  rows: FilterRow[];
  onChange: (rows: FilterRow[]) => void;
  errors: Record<string, string>;
}) {
  const t = useTranslations("webhooks");
  const set = (i: number, patch: Partial<FilterRow>) => onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)));
  return (
    <fieldset className="space-y-2">
      <legend className="text-sm font-medium text-slate-800">{t("filters")}</legend>
      <p className="text-xs text-slate-500">{t("filtersHint")}</p>
      {rows.map((row, i) => {
        const error = Object.entries(errors).find(([path]) => path.startsWith(`filters.${i}`))?.[1];
        return (
          <div key={i} className="space-y-1">
            <div className="grid gap-2 sm:grid-cols-[1fr_auto_1fr_auto]">
              <Input
                aria-label={t("filterField")}
                placeholder="agentId"
                value={row.field}
                maxLength={120}
                onChange={(e) => set(i, { field: e.target.value })}
              />
              <Select aria-label={t("filterOp")} value={row.op} onChange={(e) => set(i, { op: e.target.value as FilterRow["op"] })}>
                {OPS.map((op) => (
                  <option key={op} value={op}>
                    {t(`ops.${op}`)}
                  </option>
                ))}
              </Select>
              <Input
                aria-label={t("filterValue")}
                placeholder={row.op === "in" ? "high, critical" : ""}
                disabled={row.op === "exists"}
                value={row.op === "exists" ? "" : row.value}
                maxLength={400}
                onChange={(e) => set(i, { value: e.target.value })}
              />
              <Button variant="ghost" size="sm" onClick={() => onChange(rows.filter((_, j) => j !== i))}>
                {t("removeFilter")}
              </Button>
            </div>
            {error ? (
              <p className="text-sm text-red-600" role="alert">
                {error}
              </p>
            ) : null}
          </div>
        );
      })}
      {rows.some((row) => row.op === "in") ? <p className="text-xs text-slate-500">{t("filterValueHint")}</p> : null}
      {rows.length < 10 ? (
        <Button variant="secondary" size="sm" onClick={() => onChange([...rows, { field: "", op: "eq", value: "" }])}>
          {t("addFilter")}
        </Button>
      ) : null}
    </fieldset>
  );
}
