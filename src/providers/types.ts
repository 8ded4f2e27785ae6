// The adapter interface: everything shared code knows about a provider.
import type { Env } from "../env.ts";
import type { RouterError } from "../errors.ts";
import type { CanonicalRequest, CanonicalResponse, StreamPart } from "../schema/canonical.ts";
import type { ProviderId } from "./provider-ids.ts";

/** Where and how to reach one provider, resolved from the environment. */
export interface ProviderEndpoint {
  providerId: ProviderId;
  baseUrl: string;
  /** Empty for providers whose key is optional (a self-hosted server). */
  apiKey: string;
  /** Provider-specific optional settings read from `<PREFIX>_*` variables (never secrets). */
  options?: Readonly<Record<string, string>>;
}

export interface UpstreamCall {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

/** The model an attempt targets, as the catalog describes it. */
export interface UpstreamTarget {
  upstreamModel: string;
  /** The model's output ceiling, for providers that require an explicit max_tokens. */
  maxOutputTokens?: number;
  /** The model's catalog capabilities (some fields only reasoning models take). */
  capabilities?: readonly string[];
}

/** What a provider's API can carry (the README matrix is generated from the same facts). */
export interface ProviderCapabilities {
  streaming: boolean;
  tools: boolean;
  vision: boolean;
  json: "json_schema" | "json_object" | "none";
  reasoning: boolean;
}

export interface ProviderAdapter {
  readonly capabilities: ProviderCapabilities;
  /**
   * Canonical request -> the provider's HTTP request. Throws a 400 RouterError naming the
   * parameter (code `unsupported_parameter`) when the provider cannot honour it faithfully;
   * dispatch then skips this candidate.
   */
  buildRequest(request: CanonicalRequest, target: UpstreamTarget, endpoint: ProviderEndpoint): UpstreamCall;
  /**
   * Request fields this provider leaves out for this model because it has no equivalent and their
   * absence does not change what the answer must contain (x-router-dropped-params).
   */
  droppedParams(request: CanonicalRequest, target: UpstreamTarget): string[];
  /** A 2xx JSON body -> canonical response. Throws a RouterError on a malformed body. */
  parseResponse(body: unknown, request: CanonicalRequest): CanonicalResponse;
  /**
   * A 2xx streaming body -> canonical parts. Must end with an `error` part (never
   * silently) when the upstream stream is cut, stalls or is malformed.
   */
  streamParts(body: ReadableStream<Uint8Array>, request: CanonicalRequest): ReadableStream<StreamPart>;
  /** A non-2xx upstream answer -> a RouterError saying whether another candidate may be tried. */
  mapError(status: number, bodyText: string, headers: Headers): RouterError;
}

/** Reads one environment variable (empty strings count as absent). */
export type EnvReader = (name: string) => string | undefined;

/** Static description of a provider: how to find its settings and speak to it. */
export interface ProviderDefinition {
  /** One of PROVIDER_IDS (provider-ids.ts): catalog models name their provider by it. */
  id: ProviderId;
  /** `<envPrefix>_API_KEY` and `<envPrefix>_BASE_URL`. */
  envPrefix: string;
  /**
   * The provider's own base URL; may depend on other `<PREFIX>_*` variables (an account id).
   * Undefined means `<PREFIX>_BASE_URL` is required.
   */
  defaultBaseUrl: (read: EnvReader) => string | undefined;
  /** A provider that needs no key (a self-hosted server) is configured by its base URL alone. */
  apiKeyOptional?: boolean;
  /** Optional non-secret settings, copied into the endpoint's `options`. */
  optionVars?: readonly string[];
  /** Path prefix on the dev mock upstream that serves this provider's real path layout. */
  mockPath: string;
  adapter: ProviderAdapter;
}

export type { Env };
