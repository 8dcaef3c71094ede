/**
 * Reads a request body with a hard byte cap: the declared Content-Length is checked first and the stream
 * is cancelled as soon as more than the cap has arrived, so an oversized (or endless) body is never
 * buffered whole. Plain Web API (Request / ReadableStream): no next/* here.
 */
import { PortalError } from "@/lib/errors";

/** The body of `request` as bytes; throws PortalError `too_large` (413) above `maxBytes`. */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<Buffer> {
  const tooLarge = () =>
    new PortalError("too_large", `Request body is larger than the limit of ${maxBytes} bytes`);
  const declared = Number(request.headers.get("content-length") ?? Number.NaN);
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, total);
}
