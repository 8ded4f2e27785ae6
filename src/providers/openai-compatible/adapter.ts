// The shared OpenAI-compatible adapter. OpenAI itself and every compatible
// provider are small configurations over this one implementation.
import type { ProviderAdapter, ProviderEndpoint } from "../types";
import { toOpenAIBody } from "./convert-request";
import { fromOpenAIResponse } from "./convert-response";
import { openAIStreamParts } from "./convert-stream";
import { mapOpenAIError } from "./map-error";

export interface OpenAICompatibleOptions {
  /** Display name used in error messages. */
  name: string;
  /** Path appended to the base URL. */
  chatPath?: string;
  /** Extra headers a provider requires. */
  headers?: Record<string, string>;
}

export function createOpenAICompatibleAdapter(options: OpenAICompatibleOptions): ProviderAdapter {
  const chatPath = options.chatPath ?? "/chat/completions";
  return {
    buildRequest(request, upstreamModel, endpoint: ProviderEndpoint) {
      return {
        url: `${endpoint.baseUrl.replace(/\/+$/, "")}${chatPath}`,
        method: "POST",
        headers: {
          "content-type": "application/json",
          authorization: `Bearer ${endpoint.apiKey}`,
          ...options.headers,
        },
        body: JSON.stringify(toOpenAIBody(request, upstreamModel)),
      };
    },
    parseResponse: (body) => fromOpenAIResponse(options.name, body),
    streamParts: (body) => openAIStreamParts(options.name, body),
    mapError: (status, bodyText, headers) => mapOpenAIError(options.name, status, bodyText, headers),
  };
}
