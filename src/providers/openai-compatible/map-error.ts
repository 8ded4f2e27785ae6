// OpenAI-style error body -> RouterError (status policy and wording are shared in upstream-error.ts).
// Only identifiers are taken from the body: its code (or type) and the parameter it names.
import { upstreamHttpError } from "../upstream-error.ts";

/** Codes the OpenAI-compatible APIs use for a wrong or missing key, whatever the HTTP status. */
const CREDENTIAL_CODES = new Set([
  "invalid_api_key",
  "invalid_authentication",
  "authentication_error",
  "unauthorized",
  "insufficient_quota",
  "account_deactivated",
]);

interface OpenAIErrorBody {
  error?: { code?: unknown; type?: unknown; param?: unknown } | string;
  /** Cloudflare's API envelope (Workers AI). */
  errors?: { code?: unknown }[];
}

export function mapOpenAIError(provider: string, status: number, bodyText: string, headers: Headers) {
  let code: unknown;
  let param: unknown;
  try {
    const body = JSON.parse(bodyText) as OpenAIErrorBody;
    if (body.error && typeof body.error === "object") {
      code = body.error.code ?? body.error.type;
      param = body.error.param;
    } else if (Array.isArray(body.errors)) {
      code = body.errors[0]?.code;
    }
  } catch {
    // Not JSON (an HTML error page, say): the status says enough.
  }
  const credential = typeof code === "string" && CREDENTIAL_CODES.has(code);
  return upstreamHttpError(provider, status, { code, param, credential }, headers);
}
