import { auditListFilters, parseAuditSearch } from "@/server/audit/audit-search-params";
import { EXPORT_CONTENT_TYPES, EXPORT_FORMATS, exportFilename, serializeAuditExport, type ExportFormat } from "@/server/audit/export-audit";
import type { AuditEntry } from "@/server/audit/list-audit-log";
import { routeCaller, routeErrorResponse } from "@/server/http/route-caller";
import { logger } from "@/server/obs/logger";

export const dynamic = "force-dynamic";

/** The largest page `audit.list` serves: fewer transactions for a long export. */
const PAGE = 500;

/**
 * Downloads the audit log with the page's filters (the cursor is ignored: an export starts at the
 * newest entry). It pages through `audit.list` as the signed-in member, so permission, tenant
 * isolation and rate limits are exactly those of the page; the first page is read before
 * answering, so a refusal is a proper status rather than a broken download.
 */
export async function GET(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const url = new URL(req.url);
  const requested = url.searchParams.get("format");
  const format: ExportFormat = (EXPORT_FORMATS as readonly string[]).includes(requested ?? "") ? (requested as ExportFormat) : "csv";
  const filters = auditListFilters(parseAuditSearch(url.searchParams));
  const caller = routeCaller(req, slug);

  let first: { items: AuditEntry[]; nextCursor: number | null };
  try {
    first = await caller.audit.list({ ...filters, limit: PAGE });
  } catch (error) {
    return routeErrorResponse(error, req, caller.requestId);
  }

  async function* pages() {
    let page = first;
    yield page.items;
    while (page.nextCursor !== null) {
      page = await caller.audit.list({ ...filters, cursor: page.nextCursor, limit: PAGE });
      yield page.items;
    }
  }

  const chunks = serializeAuditExport(format, pages());
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      try {
        const next = await chunks.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(next.value));
      } catch (error) {
        // Headers are gone by now: all we can do is cut the download short, visibly, and log why.
        logger.error({ err: error, requestId: caller.requestId, tenant: slug }, "audit export failed mid-stream");
        controller.error(error);
      }
    },
    async cancel() {
      await chunks.return(undefined);
    },
  });

  return new Response(body, {
    headers: {
      "Content-Type": EXPORT_CONTENT_TYPES[format],
      "Content-Disposition": `attachment; filename="${exportFilename(slug, format)}"`,
      "Cache-Control": "no-store",
      "x-request-id": caller.requestId,
    },
  });
}
