import type { ProviderCapabilities } from "../types.ts";

export const PROVIDER = "google";

export const GEMINI_CAPABILITIES: ProviderCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  json: "json_schema",
  reasoning: true,
};
