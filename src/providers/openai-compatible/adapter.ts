// The shared OpenAI-compatible adapter. OpenAI itself and every compatible
// provider are small dialects over this one implementation.
import type { ProviderAdapter } from "../types.ts";
import { extraParams, toOpenAIBody } from "./convert-request.ts";
import { fromOpenAIResponse } from "./convert-response.ts";
import { openAIStreamParts } from "./convert-stream.ts";
import type { OpenAIDialect } from "./dialect.ts";
import { mapOpenAIError } from "./map-error.ts";

export function createOpenAICompatibleAdapter(dialect: OpenAIDialect): ProviderAdapter {
  const chatPath = dialect.chatPath ?? "/chat/completions";
  return {
    capabilities: dialect.capabilities,
    buildRequest(request, target, endpoint) {
      const headers: Record<string, string> = { "content-type": "application/json", ...dialect.headers?.(endpoint) };
      if (endpoint.apiKey) headers.authorization = `Bearer ${endpoint.apiKey}`;
      return {
        url: `${endpoint.baseUrl.replace(/\/+$/, "")}${chatPath}`,
        method: "POST",
        headers,
        body: JSON.stringify(toOpenAIBody(request, target, dialect)),
      };
    },
    droppedParams: (request, target) => extraParams(request, target, dialect).dropped,
    parseResponse: (body) => fromOpenAIResponse(dialect, body),
    streamParts: (body) => openAIStreamParts(dialect, body),
    mapError: (status, bodyText, headers) => mapOpenAIError(dialect.name, status, bodyText, headers),
  };
}
