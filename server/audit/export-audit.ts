import type { AuditEntry } from "./list-audit-log";

/**
 * Serialisers for the audit-log export, pure so they are tested without a database or HTTP:
 * they turn pages of entries (as `audit.list` returns them) into the chunks of a download.
 */

export const EXPORT_FORMATS = ["csv", "json"] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const EXPORT_CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: "text/csv; charset=utf-8",
  json: "application/json; charset=utf-8",
};

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "id",
  "at",
  "actor_type",
  "actor_id",
  "actor_label",
  "action",
  "target_type",
  "target_id",
  "ip",
  "user_agent",
  "request_id",
  "diff",
  "hash",
] as const;

/**
 * Spreadsheets run a cell that starts with one of these as a formula (CSV injection): an actor
 * label or a diff value is user-controlled, so such cells get a leading apostrophe, which makes
 * the spreadsheet show the text as text. Tab and carriage return are on OWASP's list too.
 */
const FORMULA_START = /^[=+\-@\t\r]/;

/** One CSV field (RFC 4180): quoted when it holds a comma, quote or line break; quotes doubled. */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "number") return String(value);
  const text = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvRow(values: ReadonlyArray<string | number | null | undefined>): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

export function auditEntryCsvRow(e: AuditEntry): string {
  return csvRow([
    e.seq,
    e.id,
    e.at,
    e.actor.type,
    e.actor.id,
    e.actor.label,
    e.action,
    e.target?.type,
    e.target?.id,
    e.ip,
    e.userAgent,
    e.requestId,
    e.diff ? JSON.stringify(e.diff) : null,
    e.hash,
  ]);
}

/**
 * The whole download, chunk by chunk, as the pages arrive: nothing is held in memory beyond one
 * page. CSV starts with a byte-order mark so spreadsheet programs read UTF-8 (Chinese names,
 * say) correctly; JSON is one array of entries in the API's own shape.
 */
export async function* serializeAuditExport(
  format: ExportFormat,
  pages: AsyncIterable<AuditEntry[]> | Iterable<AuditEntry[]>,
): AsyncGenerator<string> {
  if (format === "csv") {
    yield `\uFEFF${csvRow(AUDIT_CSV_COLUMNS)}`;
    for await (const page of pages) {
      if (page.length > 0) yield page.map(auditEntryCsvRow).join("");
    }
    return;
  }
  yield "[";
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    yield `${first ? "\n" : ",\n"}${page.map((entry) => JSON.stringify(entry)).join(",\n")}`;
    first = false;
  }
  yield first ? "]\n" : "\n]\n";
}

/** `agentry-audit-<slug>-<UTC timestamp>.<ext>`: sorts by time, safe in any file system. */
export function exportFilename(slug: string, format: ExportFormat, now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d+Z$/, "Z");
  const safeSlug = slug.replace(/[^a-z0-9-]/gi, "") || "organisation";
  return `agentry-audit-${safeSlug}-${stamp}.${format}`;
}
