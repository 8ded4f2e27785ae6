// Google Gemini API (https://ai.google.dev/api/generate-content). GEMINI_BASE_URL includes the
// API version: https://generativelanguage.googleapis.com/v1beta by default.
import type { ProviderAdapter, ProviderDefinition } from "../types.ts";
import { GEMINI_CAPABILITIES } from "./capabilities.ts";
import { geminiDroppedParams, toGeminiBody } from "./convert-request.ts";
import { fromGeminiResponse } from "./convert-response.ts";
import { geminiStreamParts } from "./convert-stream.ts";
import { mapGeminiError } from "./map-error.ts";

const adapter: ProviderAdapter = {
  capabilities: GEMINI_CAPABILITIES,
  buildRequest(request, target, endpoint) {
    const base = endpoint.baseUrl.replace(/\/+$/, "");
    const action = request.stream ? "streamGenerateContent?alt=sse" : "generateContent";
    return {
      url: `${base}/models/${encodeURIComponent(target.upstreamModel)}:${action}`,
      method: "POST",
      headers: { "content-type": "application/json", "x-goog-api-key": endpoint.apiKey },
      body: JSON.stringify(toGeminiBody(request)),
    };
  },
  droppedParams: geminiDroppedParams,
  parseResponse: (body) => fromGeminiResponse(body),
  streamParts: (body) => geminiStreamParts(body),
  mapError: mapGeminiError,
};

export const google: ProviderDefinition = {
  id: "google",
  envPrefix: "GEMINI",
  defaultBaseUrl: () => "https://generativelanguage.googleapis.com/v1beta",
  mockPath: "/v1beta",
  adapter,
};
