// Anthropic error body {"type":"error","error":{"type","message"}} -> RouterError. The error type
// is an enumeration (authentication_error, overloaded_error, …); the message is never passed on.
import { upstreamHttpError, upstreamInlineError } from "../upstream-error.ts";
import { anthropicErrorSchema } from "./api-types.ts";

const CREDENTIAL_TYPES = new Set(["authentication_error", "permission_error", "billing_error"]);

export function mapAnthropicError(status: number, bodyText: string, headers: Headers) {
  let type: string | undefined;
  try {
    const parsed = anthropicErrorSchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) type = parsed.data.error.type;
  } catch {
    // Not JSON (a proxy's HTML page): the status says enough.
  }
  const credential = type !== undefined && CREDENTIAL_TYPES.has(type);
  return upstreamHttpError("anthropic", status, { code: type, credential }, headers);
}

/** An `error` event inside a stream (overloaded_error and the like). */
export const anthropicStreamError = (type: string) => upstreamInlineError("anthropic", type);
