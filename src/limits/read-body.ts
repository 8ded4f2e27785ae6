// Reads a request body as UTF-8 text within a byte limit: a Content-Length over the limit is
// refused before a byte is read (413); without one (or with a lying one) the read stops at the
// limit (413). Invalid UTF-8 is refused (400) instead of being silently replaced with U+FFFD.
import { RouterError } from "../errors.ts";

export const bodyTooLarge = (maxBytes: number) =>
  new RouterError(`The request body is larger than the router's limit of ${maxBytes} bytes.`, {
    status: 413,
    type: "invalid_request_error",
    code: "request_too_large",
  });

export async function readBodyBytes(request: Request, maxBytes: number): Promise<Uint8Array> {
  const declared = request.headers.get("content-length");
  const length = declared !== null && /^\d+$/.test(declared.trim()) ? Number(declared) : undefined;
  if (length !== undefined && length > maxBytes) throw bodyTooLarge(maxBytes);
  if (!request.body) return new Uint8Array(0);
  // A declared length bounds the body on the wire (HTTP framing): one native read instead of a
  // reader loop, which costs a promise and a chunk per read. Checked again after the read, for
  // bodies that do not come off the wire.
  if (length !== undefined) {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw bodyTooLarge(maxBytes);
    return bytes;
  }
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw bodyTooLarge(maxBytes);
    }
    chunks.push(value);
  }
  if (chunks.length === 1) return chunks[0]!;
  const bytes = new Uint8Array(size);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return bytes;
}

/** One decoder per isolate: a fatal decoder keeps no state between complete decode() calls. */
const utf8 = new TextDecoder("utf-8", { fatal: true, ignoreBOM: false });

export async function readBodyText(request: Request, maxBytes: number): Promise<string> {
  const bytes = await readBodyBytes(request, maxBytes);
  try {
    return utf8.decode(bytes);
  } catch {
    throw new RouterError("The request body is not valid UTF-8.", {
      status: 400,
      type: "invalid_request_error",
      code: "invalid_encoding",
    });
  }
}
