// OpenAI-style error body -> RouterError (status policy is shared in upstream-error.ts).
import { upstreamHttpError } from "../upstream-error";

export function mapOpenAIError(provider: string, status: number, bodyText: string, headers: Headers) {
  let message: string | undefined;
  try {
    const body = JSON.parse(bodyText) as { error?: { message?: unknown } | string; message?: unknown };
    const candidate = typeof body.error === "string" ? body.error : (body.error?.message ?? body.message);
    if (typeof candidate === "string") message = candidate;
  } catch {
    // Not JSON (an HTML error page, say): keep only the status.
  }
  return upstreamHttpError(provider, status, message, headers);
}
