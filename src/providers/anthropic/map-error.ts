// Anthropic error body {"type":"error","error":{"type","message"}} -> RouterError.
import { upstreamHttpError, upstreamInlineError } from "../upstream-error";
import { anthropicErrorSchema } from "./api-types";

export function mapAnthropicError(status: number, bodyText: string, headers: Headers) {
  let message: string | undefined;
  try {
    const parsed = anthropicErrorSchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) message = parsed.data.error.message;
  } catch {
    // Not JSON (a proxy's HTML page): keep only the status.
  }
  return upstreamHttpError("anthropic", status, message, headers);
}

/** An `error` event inside a stream (overloaded_error and the like). */
export const anthropicStreamError = (type: string, message: string) =>
  upstreamInlineError("anthropic", `${type}: ${message}`);
