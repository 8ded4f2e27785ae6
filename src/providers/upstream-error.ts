// Shared HTTP-status -> RouterError mapping for upstream failures. Adapters extract what a
// provider's error body says in enumerations (its error code or type, the parameter it names,
// whether the router's own credential was refused); this decides status, type, retryability and
// the wording. A provider's free text never reaches a client: it can carry organisation ids,
// internal hosts or a masked echo of the operator's key. The client gets our sentence, the
// provider's status, its code when it is a plain identifier, and its request id for support.
import { RouterError } from "../errors.ts";
import { redactSecrets } from "../util/redact.ts";

const RETRYABLE_STATUSES = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

/** What an adapter may pass on from a provider's error: identifiers, never sentences. */
export interface UpstreamErrorInfo {
  /** The provider's error code or type ("invalid_api_key", "RESOURCE_EXHAUSTED", "overloaded_error"). */
  code?: unknown;
  /** The request parameter the provider named ("tools[0].function.parameters"). */
  param?: unknown;
  /** The provider refused the router's credential or account: the operator's fault, never the caller's. */
  credential?: boolean;
}

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

/** A provider-given identifier, if it is one (short, plain characters, nothing secret-shaped). */
function identifier(value: unknown, max = 64): string | undefined {
  const text = typeof value === "number" && Number.isInteger(value) ? String(value) : value;
  if (typeof text !== "string" || text.length === 0 || text.length > max) return undefined;
  if (!/^[A-Za-z0-9_.:[\]/-]+$/.test(text)) return undefined;
  return redactSecrets(text) === text ? text : undefined;
}

/** Request-id headers of the provider families we speak to (OpenAI and most compatible APIs, Anthropic, Cloudflare). */
const REQUEST_ID_HEADERS = ["x-request-id", "request-id", "x-amzn-requestid", "cf-ray"];

export function providerRequestId(headers: Headers): string | undefined {
  for (const name of REQUEST_ID_HEADERS) {
    const id = identifier(headers.get(name), 128);
    if (id) return id;
  }
  return undefined;
}

/** The HTTP status an upstream error came with (0: no HTTP answer), for attempt records. */
const statuses = new WeakMap<RouterError, number>();
export const upstreamStatus = (error: RouterError): number => statuses.get(error) ?? 0;

function details(status: number, info: UpstreamErrorInfo, requestId: string | undefined, withParam: boolean): string {
  const code = identifier(info.code);
  const param = withParam ? identifier(info.param, 128) : undefined;
  const parts = [`HTTP ${status}`, code && `code ${code}`, param && `param ${param}`].filter(Boolean);
  return `(${parts.join(", ")})${requestId ? `. Provider request id: ${requestId}` : ""}.`;
}

export function upstreamHttpError(provider: string, status: number, info: UpstreamErrorInfo, headers: Headers) {
  const requestId = providerRequestId(headers);
  const wait = retryAfterMs(headers);
  // Both spellings: retry-after for every client, retry-after-ms for precision (the OpenAI SDKs read it).
  const retryHeaders: Record<string, string> =
    wait !== undefined
      ? { "retry-after": String(Math.ceil(wait / 1000)), "retry-after-ms": String(Math.round(wait)) }
      : {};
  let error: RouterError;
  if (info.credential || status === 401 || status === 403 || status === 402) {
    // The router's key (or account) is wrong: another provider may well serve the request.
    error = new RouterError(
      `Provider ${provider} refused the router's credentials or account ${details(status, info, requestId, false)} ` +
        "The deployment's provider key needs fixing; the request itself was not at fault.",
      { status: 502, type: "upstream_error", code: "upstream_credentials", retryable: true },
    );
  } else if (status === 400 || status === 413 || status === 422) {
    // The request itself was refused; another provider would refuse it too.
    error = new RouterError(
      `Provider ${provider} rejected the request as invalid ${details(status, info, requestId, true)}`,
      { status: 400, type: "invalid_request_error", code: "upstream_invalid_request" },
    );
  } else if (status === 429) {
    error = new RouterError(
      `Provider ${provider} is rate limiting the router ${details(status, info, requestId, false)}`,
      {
        status: 429,
        type: "rate_limit_error",
        code: "upstream_429",
        retryable: true,
        headers: retryHeaders,
      },
    );
  } else {
    error = new RouterError(`Provider ${provider} failed ${details(status, info, requestId, false)}`, {
      status: 502,
      type: "upstream_error",
      code: `upstream_${status}`,
      retryable: RETRYABLE_STATUSES.has(status) || status === 404,
      headers: retryHeaders,
    });
  }
  statuses.set(error, status);
  return error;
}

/** The provider refused the request itself (its content): the caller's fault, nobody else's. */
export const isClientFault = (error: RouterError) => error.code === "upstream_invalid_request";

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

/** An error object the provider sent with a 200 (inline, or inside a stream); `code` is its error type, if any. */
export function upstreamInlineError(provider: string, code?: unknown): RouterError {
  const id = identifier(code);
  return new RouterError(`Provider ${provider} reported an error instead of an answer${id ? ` (${id})` : ""}.`, {
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
