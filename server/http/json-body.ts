import { UnsupportedMediaTypeError } from "../errors";

/**
 * The API doors take JSON bodies only. tRPC would also accept `multipart/form-data` and
 * `application/octet-stream` for mutations — bodies a plain HTML form on any site can send
 * without a CORS preflight — so anything but JSON is refused (415) before it reaches a parser.
 * An empty body is no body: `POST /audit-log/verify` with nothing attached is fine.
 */
export function assertJsonBody(req: Request, bodyText: string | null): void {
  if (!bodyText) return;
  const contentType = req.headers.get("content-type");
  const mediaType = contentType?.split(";")[0]?.trim().toLowerCase();
  if (mediaType !== "application/json") throw new UnsupportedMediaTypeError(contentType);
}
