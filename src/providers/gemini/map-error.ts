// Gemini error body {"error":{"code","message","status"}} -> RouterError.
import { upstreamHttpError } from "../upstream-error";
import { geminiErrorSchema } from "./api-types";
import { PROVIDER } from "./capabilities";

export function mapGeminiError(status: number, bodyText: string, headers: Headers) {
  let message: string | undefined;
  try {
    const parsed = geminiErrorSchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) message = [parsed.data.error.status, parsed.data.error.message].filter(Boolean).join(": ");
  } catch {
    // Not JSON: keep only the status.
  }
  return upstreamHttpError(PROVIDER, status, message || undefined, headers);
}
