// Dispatch: try ranked candidates in order until one answers. A failure before
// the first byte reaches the client moves on to the next candidate when the
// error is retryable; anything else is final. fetch is injected for tests.
import { RouterError } from "../errors";
import { getProvider } from "../providers/registry";
import type { ProviderEndpoint } from "../providers/types";
import type { CanonicalRequest, CanonicalResponse, StreamPart } from "../schema/canonical";
import type { Candidate } from "../select/select-model";

export interface AttemptRecord {
  model: string;
  /** HTTP status, or 0 when no response arrived. */
  status: number;
  error?: string;
}

interface DispatchBase {
  candidate: Candidate;
  attempts: AttemptRecord[];
}
export type DispatchOutcome =
  | (DispatchBase & { kind: "response"; response: CanonicalResponse })
  | (DispatchBase & { kind: "stream"; parts: ReadableStream<StreamPart> });

export interface DispatchDeps {
  fetch: typeof fetch;
}

const connectError = (provider: string) =>
  new RouterError(`Provider ${provider} could not be reached.`, {
    status: 502,
    type: "upstream_error",
    code: "upstream_unreachable",
    retryable: true,
  });

async function attempt(
  request: CanonicalRequest,
  candidate: Candidate,
  endpoint: ProviderEndpoint,
  deps: DispatchDeps,
): Promise<{ kind: "response"; response: CanonicalResponse } | { kind: "stream"; parts: ReadableStream<StreamPart> }> {
  const provider = getProvider(candidate.model.provider);
  if (!provider) throw connectError(candidate.model.provider);
  const { adapter } = provider;
  const call = adapter.buildRequest(request, candidate.model.upstreamModel, endpoint);
  let response: Response;
  try {
    response = await deps.fetch(call.url, { method: call.method, headers: call.headers, body: call.body });
  } catch {
    throw connectError(provider.id);
  }
  if (!response.ok) {
    const text = await response.text().catch(() => "");
    throw adapter.mapError(response.status, text, response.headers);
  }
  if (request.stream) {
    if (!response.body) throw adapter.mapError(502, "", response.headers);
    return { kind: "stream", parts: adapter.streamParts(response.body) };
  }
  let json: unknown;
  try {
    json = await response.json();
  } catch {
    json = undefined;
  }
  return { kind: "response", response: adapter.parseResponse(json) };
}

export async function dispatch(
  request: CanonicalRequest,
  candidates: readonly Candidate[],
  endpoints: ReadonlyMap<string, ProviderEndpoint>,
  deps: DispatchDeps,
): Promise<DispatchOutcome> {
  const attempts: AttemptRecord[] = [];
  let lastError: RouterError | undefined;
  for (const candidate of candidates) {
    const endpoint = endpoints.get(candidate.model.provider);
    if (!endpoint) continue;
    try {
      const result = await attempt(request, candidate, endpoint, deps);
      attempts.push({ model: candidate.model.id, status: 200 });
      return { ...result, candidate, attempts };
    } catch (err) {
      const error = err instanceof RouterError ? err : connectError(candidate.model.provider);
      attempts.push({ model: candidate.model.id, status: error.status, error: error.code ?? error.message });
      lastError = error;
      if (!error.retryable) break;
    }
  }
  const error = lastError ?? connectError("(none)");
  // Tell the client how many attempts were made, even on failure.
  throw new RouterError(error.message, {
    status: error.status,
    type: error.type,
    code: error.code,
    param: error.param,
    headers: { ...error.headers, "x-router-attempts": String(attempts.length) },
  });
}
