// The adapter interface: everything shared code knows about a provider.
import type { RouterError } from "../errors";
import type { CanonicalRequest, CanonicalResponse, StreamPart } from "../schema/canonical";

/** Where and how to reach one provider, resolved from the environment. */
export interface ProviderEndpoint {
  providerId: string;
  baseUrl: string;
  apiKey: string;
}

export interface UpstreamCall {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

export interface ProviderAdapter {
  /** Canonical request -> the provider's HTTP request for `upstreamModel`. */
  buildRequest(request: CanonicalRequest, upstreamModel: string, endpoint: ProviderEndpoint): UpstreamCall;
  /** A 2xx JSON body -> canonical response. Throws a RouterError on a malformed body. */
  parseResponse(body: unknown): CanonicalResponse;
  /**
   * A 2xx streaming body -> canonical parts. Must end with an `error` part (never
   * silently) when the upstream stream is cut, stalls or is malformed.
   */
  streamParts(body: ReadableStream<Uint8Array>): ReadableStream<StreamPart>;
  /** A non-2xx upstream answer -> a RouterError saying whether another candidate may be tried. */
  mapError(status: number, bodyText: string, headers: Headers): RouterError;
}

/** Static description of a provider: how to find its settings and speak to it. */
export interface ProviderDefinition {
  id: string;
  /** `<envPrefix>_API_KEY` and `<envPrefix>_BASE_URL`. */
  envPrefix: string;
  defaultBaseUrl: string;
  /** Path prefix on the dev mock upstream that speaks this provider's protocol. */
  mockPath: string;
  adapter: ProviderAdapter;
}
