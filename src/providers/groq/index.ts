// Groq: OpenAI-compatible (https://console.groq.com/docs/openai): it takes
// max_completion_tokens; reasoning models stream `reasoning` deltas, which the base reads.
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const groq: ProviderDefinition = {
  id: "groq",
  envPrefix: "GROQ",
  defaultBaseUrl: () => "https://api.groq.com/openai/v1",
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "groq",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: true },
    maxTokensField: "max_completion_tokens",
  }),
};
