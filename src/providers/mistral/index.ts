// Mistral: OpenAI-like with its own spellings (https://docs.mistral.ai/api/): random_seed for
// seed, tool_choice "any" for "required", usage always in the last chunk (no stream_options),
// and unknown fields such as `user` are rejected, so they are left out.
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const mistral: ProviderDefinition = {
  id: "mistral",
  envPrefix: "MISTRAL",
  defaultBaseUrl: () => "https://api.mistral.ai/v1",
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "mistral",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: false },
    maxTokensField: "max_tokens",
    streamOptions: false,
    rename: { seed: "random_seed" },
    toolChoiceRequired: "any",
    omit: ["user", "reasoning_effort"],
    accepts: ["prediction"],
  }),
};
