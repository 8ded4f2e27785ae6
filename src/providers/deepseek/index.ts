// DeepSeek: OpenAI-compatible (https://api-docs.deepseek.com/). deepseek-reasoner streams
// `reasoning_content`; cache hits are reported as prompt_cache_hit_tokens; JSON mode is
// json_object only (a json_schema request is refused, not silently weakened).
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const deepseek: ProviderDefinition = {
  id: "deepseek",
  envPrefix: "DEEPSEEK",
  defaultBaseUrl: () => "https://api.deepseek.com",
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "deepseek",
    capabilities: { streaming: true, tools: true, vision: false, json: "json_object", reasoning: true },
    maxTokensField: "max_tokens",
    omit: ["user", "seed", "reasoning_effort"],
    accepts: ["logprobs"],
    extraUsage: (usage) =>
      typeof usage.prompt_cache_hit_tokens === "number" ? { cachedInputTokens: usage.prompt_cache_hit_tokens } : {},
  }),
};
