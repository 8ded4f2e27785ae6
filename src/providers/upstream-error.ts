// Shared HTTP-status -> RouterError mapping for upstream failures. Adapters
// extract the provider's own message; this decides status, type and retryability.
import { RouterError } from "../errors";
import { redactSecrets } from "../security/redact";

const RETRYABLE_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

/** Milliseconds to wait before retrying, from retry-after-ms or retry-after (seconds or an HTTP date). */
export function retryAfterMs(headers: Headers, now = Date.now()): number | undefined {
  const ms = headers.get("retry-after-ms");
  if (ms !== null && Number.isFinite(Number(ms)) && Number(ms) >= 0) return Number(ms);
  const after = headers.get("retry-after");
  if (after === null) return undefined;
  if (/^\d+(\.\d+)?$/.test(after.trim())) return Number(after) * 1000;
  const date = Date.parse(after);
  return Number.isNaN(date) ? undefined : Math.max(0, date - now);
}

/** Keeps upstream messages short, single-line and free of credentials before they reach a client. */
function clip(message: string): string {
  const line = redactSecrets(message.replace(/\s+/g, " ").trim());
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}

export function upstreamHttpError(provider: string, status: number, message: string | undefined, headers: Headers) {
  const detail = message ? `: ${clip(message)}` : "";
  if (status === 400 || status === 413 || status === 422) {
    // The request itself was refused; another provider would refuse it too.
    return new RouterError(`Provider ${provider} rejected the request${detail}`, {
      status: 400,
      type: "invalid_request_error",
      code: "upstream_invalid_request",
    });
  }
  const retryable = RETRYABLE_STATUSES.has(status) || status === 401 || status === 403 || status === 404;
  const wait = retryAfterMs(headers);
  return new RouterError(`Provider ${provider} answered HTTP ${status}${detail}`, {
    status: status === 429 ? 429 : 502,
    type: status === 429 ? "rate_limit_error" : "upstream_error",
    code: `upstream_${status}`,
    retryable,
    // Both spellings: retry-after for every client, retry-after-ms for precision (the OpenAI SDKs read it).
    headers:
      wait !== undefined
        ? { "retry-after": String(Math.ceil(wait / 1000)), "retry-after-ms": String(Math.round(wait)) }
        : {},
  });
}

export function malformedUpstream(provider: string, what: string): RouterError {
  return new RouterError(`Provider ${provider} sent a malformed ${what}.`, {
    status: 502,
    type: "upstream_error",
    code: "upstream_malformed",
    retryable: true,
  });
}

export function upstreamStreamCut(provider: string): RouterError {
  return new RouterError(`Provider ${provider} ended the stream before the answer was complete.`, {
    status: 502,
    type: "upstream_error",
    code: "upstream_stream_cut",
  });
}

/** An error object the provider sent with a 200 (inline, or inside a stream). */
export function upstreamInlineError(provider: string, message: string | undefined): RouterError {
  const detail = message ? `: ${clip(message)}` : ".";
  return new RouterError(`Provider ${provider} reported an error${detail}`, {
    status: 502,
    type: "upstream_error",
    code: "upstream_error",
    retryable: true,
  });
}

export function upstreamUnreachable(provider: string): RouterError {
  return new RouterError(`Provider ${provider} could not be reached.`, {
    status: 502,
    type: "upstream_error",
    code: "upstream_unreachable",
    retryable: true,
  });
}

/** No answer within the configured time (`phase`: headers, response, first token, stream idle). */
export function upstreamTimeout(provider: string, phase: string, ms: number): RouterError {
  return new RouterError(`Provider ${provider} timed out waiting for ${phase} (${ms} ms).`, {
    status: 504,
    type: "timeout_error",
    code: phase === "stream idle" ? "upstream_stream_stalled" : "upstream_timeout",
    retryable: true,
  });
}
