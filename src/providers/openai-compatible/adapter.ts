// The shared OpenAI-compatible adapter. OpenAI itself and every compatible
// provider are small dialects over this one implementation.
import type { ProviderAdapter } from "../types";
import { extraParams, toOpenAIBody } from "./convert-request";
import { fromOpenAIResponse } from "./convert-response";
import { openAIStreamParts } from "./convert-stream";
import type { OpenAIDialect } from "./dialect";
import { mapOpenAIError } from "./map-error";

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
