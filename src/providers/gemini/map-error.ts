// Gemini error body {"error":{"code","message","status","details"}} -> RouterError. Google answers a
// wrong API key with 400 INVALID_ARGUMENT and an ErrorInfo reason API_KEY_INVALID: that is the
// operator's credential, not the caller's request, so it fails over like a 401.
import { upstreamHttpError } from "../upstream-error.ts";
import { geminiErrorSchema } from "./api-types.ts";
import { PROVIDER } from "./capabilities.ts";

const CREDENTIAL_STATUSES = new Set(["UNAUTHENTICATED", "PERMISSION_DENIED"]);

export function mapGeminiError(status: number, bodyText: string, headers: Headers) {
  let code: string | undefined;
  let credential = false;
  try {
    const parsed = geminiErrorSchema.safeParse(JSON.parse(bodyText));
    if (parsed.success) {
      const { error } = parsed.data;
      const reason = error.details?.map((detail) => detail.reason).find((r) => typeof r === "string");
      code = reason ?? error.status;
      credential =
        (reason !== undefined && /^API_KEY_|^ACCESS_TOKEN_/.test(reason)) ||
        (error.status !== undefined && CREDENTIAL_STATUSES.has(error.status));
    }
  } catch {
    // Not JSON: the status says enough.
  }
  return upstreamHttpError(PROVIDER, status, { code, credential }, headers);
}
