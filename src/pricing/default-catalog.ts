// Bundled default catalog: written to KV on first read when KV is empty.
// Prices are USD per million tokens, each with its source and the date it was checked.
import type { Catalog } from "./catalog-schema";

const OPENAI_PRICING = { url: "https://openai.com/api/pricing/", checked: "2025-04-14" };

export const DEFAULT_CATALOG: Catalog = {
  version: 1,
  updatedAt: "2025-04-14T00:00:00Z",
  baseline: "openai/gpt-4.1",
  models: [
    {
      id: "openai/gpt-4.1-nano",
      provider: "openai",
      upstreamModel: "gpt-4.1-nano",
      pricing: { input: 0.1, output: 0.4, cachedInput: 0.025 },
      contextWindow: 1_047_576,
      maxOutputTokens: 32_768,
      capabilities: ["tools", "vision", "json", "streaming"],
      maxTier: "simple",
      latency: { ttftMs: 300, tokensPerSecond: 150 },
      source: OPENAI_PRICING,
    },
    {
      id: "openai/gpt-4.1-mini",
      provider: "openai",
      upstreamModel: "gpt-4.1-mini",
      pricing: { input: 0.4, output: 1.6, cachedInput: 0.1 },
      contextWindow: 1_047_576,
      maxOutputTokens: 32_768,
      capabilities: ["tools", "vision", "json", "streaming"],
      maxTier: "moderate",
      latency: { ttftMs: 400, tokensPerSecond: 100 },
      source: OPENAI_PRICING,
    },
    {
      id: "openai/gpt-4.1",
      provider: "openai",
      upstreamModel: "gpt-4.1",
      pricing: { input: 2, output: 8, cachedInput: 0.5 },
      contextWindow: 1_047_576,
      maxOutputTokens: 32_768,
      capabilities: ["tools", "vision", "json", "streaming"],
      maxTier: "complex",
      latency: { ttftMs: 500, tokensPerSecond: 80 },
      source: OPENAI_PRICING,
    },
  ],
};
