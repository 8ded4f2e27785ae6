import type { ProviderCapabilities } from "../types.ts";

export const PROVIDER = "anthropic";
/** The API version header value this adapter speaks (https://docs.anthropic.com/en/api/versioning). */
export const ANTHROPIC_VERSION = "2023-06-01";

export const ANTHROPIC_CAPABILITIES: ProviderCapabilities = {
  streaming: true,
  tools: true,
  vision: true,
  // JSON mode through a forced tool whose input schema is the requested schema.
  json: "json_schema",
  reasoning: true,
};
