import { PayloadTooLargeError, UnsupportedMediaTypeError } from "../errors";

/**
 * A multipart form (a portal upload), refused with a 413 as soon as the body passes `maxBytes` —
 * by Content-Length, then by counting — so an oversized upload is never buffered whole.
 */
export async function readFormWithLimit(req: Request, maxBytes: number): Promise<FormData> {
  const type = req.headers.get("content-type");
  if (!type?.toLowerCase().startsWith("multipart/form-data")) throw new UnsupportedMediaTypeError(type);
  const declared = Number(req.headers.get("content-length") ?? "NaN");
  if (Number.isFinite(declared) && declared > maxBytes) throw new PayloadTooLargeError(maxBytes);
  const chunks: Uint8Array[] = [];
  let total = 0;
  if (req.body) {
    const reader = req.body.getReader();
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      total += value.byteLength;
      if (total > maxBytes) {
        await reader.cancel();
        throw new PayloadTooLargeError(maxBytes);
      }
      chunks.push(value);
    }
  }
  return new Response(Buffer.concat(chunks), { headers: { "content-type": type } }).formData();
}
