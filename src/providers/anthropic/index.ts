// Anthropic Messages API (https://docs.anthropic.com/en/api/messages).
// ANTHROPIC_BASE_URL follows Anthropic's SDK convention: the host root, without /v1.
import type { ProviderAdapter, ProviderDefinition } from "../types";
import { ANTHROPIC_CAPABILITIES, ANTHROPIC_VERSION } from "./capabilities";
import { anthropicDroppedParams, toAnthropicBody } from "./convert-request";
import { fromAnthropicMessage } from "./convert-response";
import { anthropicStreamParts } from "./convert-stream";
import { mapAnthropicError } from "./map-error";

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
