// Together AI: OpenAI-compatible (https://docs.together.ai/docs/openai-api-compatibility).
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const together: ProviderDefinition = {
  id: "together",
  envPrefix: "TOGETHER",
  defaultBaseUrl: () => "https://api.together.xyz/v1",
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "together",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: true },
    maxTokensField: "max_tokens",
    omit: ["user", "reasoning_effort"],
    accepts: ["top_k"],
  }),
};
