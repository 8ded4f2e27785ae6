// Anthropic Messages API (https://docs.anthropic.com/en/api/messages).
// ANTHROPIC_BASE_URL follows Anthropic's SDK convention: the host root, without /v1.
import type { ProviderAdapter, ProviderDefinition } from "../types.ts";
import { ANTHROPIC_CAPABILITIES, ANTHROPIC_VERSION } from "./capabilities.ts";
import { anthropicDroppedParams, toAnthropicBody } from "./convert-request.ts";
import { fromAnthropicMessage } from "./convert-response.ts";
import { anthropicStreamParts } from "./convert-stream.ts";
import { mapAnthropicError } from "./map-error.ts";

const adapter: ProviderAdapter = {
  capabilities: ANTHROPIC_CAPABILITIES,
  buildRequest(request, target, endpoint) {
    return {
      url: `${endpoint.baseUrl.replace(/\/+$/, "")}/v1/messages`,
      method: "POST",
      headers: {
        "content-type": "application/json",
        "x-api-key": endpoint.apiKey,
        "anthropic-version": ANTHROPIC_VERSION,
      },
      body: JSON.stringify(toAnthropicBody(request, target)),
    };
  },
  droppedParams: anthropicDroppedParams,
  parseResponse: fromAnthropicMessage,
  streamParts: anthropicStreamParts,
  mapError: mapAnthropicError,
};

export const anthropic: ProviderDefinition = {
  id: "anthropic",
  envPrefix: "ANTHROPIC",
  defaultBaseUrl: () => "https://api.anthropic.com",
  mockPath: "",
  adapter,
};
