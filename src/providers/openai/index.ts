import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const openai: ProviderDefinition = {
  id: "openai",
  envPrefix: "OPENAI",
  defaultBaseUrl: () => "https://api.openai.com/v1",
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "openai",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: true },
    accepts: [
      "prompt_cache_key",
      "prompt_cache_retention",
      "safety_identifier",
      "verbosity",
      "prediction",
      "logit_bias",
      "logprobs",
      "web_search_options",
    ],
    // GPT-5-style reasoning models take verbosity but refuse predicted outputs, logit_bias and logprobs.
    reasoningModelsOnly: ["verbosity"],
    otherModelsOnly: ["prediction", "logit_bias", "logprobs"],
  }),
};
