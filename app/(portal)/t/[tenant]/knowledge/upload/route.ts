import { DomainError, ValidationError } from "@/server/errors";
import { readFormWithLimit } from "@/server/http/read-form";
import { routeCaller, routeErrorResponse } from "@/server/http/route-caller";
import { assertSameOrigin } from "@/server/http/same-origin";
import { MAX_DOCUMENT_BYTES } from "@/server/knowledge/limits";
import { documentFromUpload } from "@/server/knowledge/upload-file";
import { toTRPCError } from "@/server/trpc/error-shape";

export const dynamic = "force-dynamic";

/** Room for the form's other fields and multipart framing around a file of the largest size. */
const FORM_OVERHEAD = 64 * 1024;

/**
 * The portal's upload door: a multipart form (collectionId, file, title?) from the collection
 * page. Thin: it reads the form within the size limit, turns the file into text (a PDF's
 * extracted with unpdf, outside any transaction), and calls the
 * same `knowledge.addDocument` procedure as paste and REST — as the signed-in member, with that
 * procedure's permission, audit and single transaction.
 */
export async function POST(req: Request, { params }: { params: Promise<{ tenant: string }> }) {
  const { tenant: slug } = await params;
  const caller = routeCaller(req, slug);
  try {
    assertSameOrigin(req);
    const form = await readFormWithLimit(req, MAX_DOCUMENT_BYTES + FORM_OVERHEAD);
    const file = form.get("file");
    const collectionId = form.get("collectionId");
    if (!(file instanceof File) || typeof collectionId !== "string") {
      throw new ValidationError("Choose a file to upload.", { file: "Choose a file to upload" });
    }
    const title = form.get("title");
    // A PDF is parsed here, before the procedure opens its transaction.
    const doc = await documentFromUpload(
      { name: file.name, type: file.type, bytes: new Uint8Array(await file.arrayBuffer()) },
      typeof title === "string" ? title : null,
    );
    const added = await caller.knowledge.addDocument({ collectionId, ...doc, source: "upload" });
    return Response.json(added, { status: 201, headers: { "x-request-id": caller.requestId } });
  } catch (error) {
    return routeErrorResponse(error instanceof DomainError ? toTRPCError(error) : error, req, caller.requestId);
  }
}
