import { describe, expect, it } from "vitest";
import { catalogSchema, type Catalog } from "./catalog-schema.ts";
import { importLiteLlm } from "./litellm-import.ts";

const catalog: Catalog = {
  version: 3,
  updatedAt: "2026-01-01T00:00:00Z",
  baseline: "openai/gpt-4.1",
  models: [
    {
      id: "openai/gpt-4.1",
      provider: "openai",
      upstreamModel: "gpt-4.1",
      pricing: { input: 2, output: 8 },
      contextWindow: 1_000_000,
      maxOutputTokens: 32_768,
      capabilities: ["streaming", "tools"],
      maxTier: "complex",
      latency: { ttftMs: 600, tokensPerSecond: 80 },
    },
    {
      id: "groq/llama-3.1-8b-instant",
      provider: "groq",
      upstreamModel: "llama-3.1-8b-instant",
      pricing: { input: 0.05, output: 0.08 },
      contextWindow: 131_072,
      maxOutputTokens: 8_192,
      capabilities: ["json", "streaming", "tools"],
      maxTier: "simple",
    },
  ],
};

// Shapes as in LiteLLM's model_prices_and_context_window.json: bare keys for OpenAI/Anthropic,
// `<litellm_provider>/` prefixes for the others, per-token USD prices.
const FILE = {
  sample_spec: { mode: "chat", input_cost_per_token: 0, output_cost_per_token: 0 },
  "gpt-4.1": {
    litellm_provider: "openai",
    mode: "chat",
    input_cost_per_token: 1.5e-6,
    output_cost_per_token: 6e-6,
    cache_read_input_token_cost: 3.75e-7,
    max_input_tokens: 1_047_576,
    max_output_tokens: 32_768,
    supports_function_calling: true,
    supports_vision: true,
    supports_response_schema: true,
  },
  "groq/llama-3.1-8b-instant": {
    litellm_provider: "groq",
    mode: "chat",
    input_cost_per_token: 5e-8,
    output_cost_per_token: 8e-8,
    max_input_tokens: 131_072,
    supports_function_calling: false,
  },
  "claude-new-5": {
    litellm_provider: "anthropic",
    mode: "chat",
    input_cost_per_token: 3e-6,
    output_cost_per_token: 1.5e-5,
    cache_read_input_token_cost: 3e-7,
    cache_creation_input_token_cost: 3.75e-6,
    max_input_tokens: 200_000,
    max_output_tokens: 64_000,
    supports_reasoning: true,
  },
  "text-embedding-3-large": {
    litellm_provider: "openai",
    mode: "embedding",
    input_cost_per_token: 1.3e-7,
    output_cost_per_token: 0,
  },
  "bedrock/some-model": {
    litellm_provider: "bedrock",
    mode: "chat",
    input_cost_per_token: 1e-6,
    output_cost_per_token: 1e-6,
  },
  "priced-by-the-request": { litellm_provider: "openai", mode: "chat", output_cost_per_token: 1e-5 },
};

const options = { addNew: false, newTier: "simple" as const, checked: "2026-11-27" };

describe("importLiteLlm", () => {
  it("updates prices, limits and stated capabilities of existing models, keeping tier and latency", () => {
    const { catalog: out, report } = importLiteLlm(catalog, FILE, options);
    const gpt = out.models.find((m) => m.id === "openai/gpt-4.1")!;
    expect(gpt.pricing).toEqual({ input: 1.5, output: 6, cachedInput: 0.375 });
    expect(gpt.contextWindow).toBe(1_047_576);
    expect(gpt.capabilities).toEqual(["json", "streaming", "tools", "vision"]);
    expect(gpt.maxTier).toBe("complex");
    expect(gpt.latency).toEqual({ ttftMs: 600, tokensPerSecond: 80 });
    expect(gpt.source?.checked).toBe("2026-11-27");
    // An explicit false removes a capability.
    expect(out.models.find((m) => m.id === "groq/llama-3.1-8b-instant")!.capabilities).toEqual(["json", "streaming"]);
    expect(report.updated).toEqual(["openai/gpt-4.1", "groq/llama-3.1-8b-instant"]);
    expect(report.added).toEqual([]);
    expect(report.skipped).toEqual({
      "not in the catalog (pass add_new=true to add)": 1,
      "mode embedding": 1,
      "unsupported provider": 1,
      "no per-token prices": 1,
    });
    expect(catalogSchema.safeParse(out).success).toBe(true);
  });

  it("adds new chat models at the given tier when asked", () => {
    const { catalog: out, report } = importLiteLlm(catalog, FILE, { ...options, addNew: true, newTier: "moderate" });
    expect(report.added).toEqual(["anthropic/claude-new-5"]);
    expect(out.models.find((m) => m.id === "anthropic/claude-new-5")).toMatchObject({
      provider: "anthropic",
      upstreamModel: "claude-new-5",
      pricing: { input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 },
      contextWindow: 200_000,
      maxOutputTokens: 64_000,
      maxTier: "moderate",
      capabilities: ["reasoning", "streaming"],
    });
    expect(catalogSchema.safeParse(out).success).toBe(true);
  });

  it("rejects something that is not a map of entries", () => {
    expect(() => importLiteLlm(catalog, [1, 2], options)).toThrow(TypeError);
  });
});
