// Fireworks AI: OpenAI-compatible (https://docs.fireworks.ai/tools-sdks/openai-compatibility).
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const fireworks: ProviderDefinition = {
  id: "fireworks",
  envPrefix: "FIREWORKS",
  defaultBaseUrl: () => "https://api.fireworks.ai/inference/v1",
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "fireworks",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: true },
    maxTokensField: "max_tokens",
    accepts: ["logprobs", "logit_bias", "top_k"],
  }),
};
