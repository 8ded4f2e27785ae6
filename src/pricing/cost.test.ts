// Actual cost reconciles what providers report beyond plain input and output: prompt-cache reads
// and writes, reasoning tokens and tool-use prompt tokens (each adapter maps them into canonical
// usage; this prices them).
import { describe, expect, it } from "vitest";
import type { CatalogModel } from "./catalog-schema.ts";
import { mapAnthropicUsage } from "../providers/anthropic/map-usage.ts";
import { mapGeminiUsage } from "../providers/gemini/map-usage.ts";
import { mapOpenAIUsage } from "../providers/openai-compatible/map-usage.ts";
import { actualCostUsd } from "./cost.ts";

const model = (pricing: CatalogModel["pricing"]) => ({ pricing }) as CatalogModel;
const M = 1_000_000;

describe("actual cost", () => {
  it("Anthropic: cache reads at the cached price, cache writes at the write price, the rest at input", () => {
    const usage = mapAnthropicUsage({
      input_tokens: 100,
      cache_read_input_tokens: 1000,
      cache_creation_input_tokens: 500,
      output_tokens: 200,
    });
    const priced = actualCostUsd(model({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 }), usage);
    expect(priced).toBeCloseTo((100 * 3 + 1000 * 0.3 + 500 * 3.75 + 200 * 15) / M, 12);
  });

  it("without a cache-write price, written tokens cost the input price", () => {
    const usage = mapAnthropicUsage({ input_tokens: 10, cache_creation_input_tokens: 90, output_tokens: 0 });
    expect(actualCostUsd(model({ input: 2, output: 8 }), usage)).toBeCloseTo((100 * 2) / M, 12);
  });

  it("Gemini: thinking tokens are output, tool-use prompt tokens are input", () => {
    const usage = mapGeminiUsage({
      promptTokenCount: 100,
      toolUsePromptTokenCount: 50,
      candidatesTokenCount: 20,
      thoughtsTokenCount: 300,
      cachedContentTokenCount: 40,
    });
    expect(usage).toMatchObject({ inputTokens: 150, outputTokens: 320, reasoningTokens: 300, cachedInputTokens: 40 });
    const priced = actualCostUsd(model({ input: 1, output: 4, cachedInput: 0.25 }), usage);
    expect(priced).toBeCloseTo((110 * 1 + 40 * 0.25 + 320 * 4) / M, 12);
  });

  it("OpenAI: cached prompt tokens at the cached price, reasoning inside completion tokens", () => {
    const usage = mapOpenAIUsage({
      prompt_tokens: 2000,
      completion_tokens: 500,
      prompt_tokens_details: { cached_tokens: 1024 },
      completion_tokens_details: { reasoning_tokens: 400 },
    } as never);
    const priced = actualCostUsd(model({ input: 2, output: 8, cachedInput: 0.5 }), usage);
    expect(priced).toBeCloseTo((976 * 2 + 1024 * 0.5 + 500 * 8) / M, 12);
  });
});
