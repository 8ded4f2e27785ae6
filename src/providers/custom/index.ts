// Any OpenAI-compatible server (vLLM, Ollama, LM Studio, llama.cpp): CUSTOM_BASE_URL is
// required (e.g. http://host:8000/v1), CUSTOM_API_KEY is optional. max_tokens is the
// spelling every such server understands.
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const custom: ProviderDefinition = {
  id: "custom",
  envPrefix: "CUSTOM",
  defaultBaseUrl: () => undefined,
  apiKeyOptional: true,
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "custom",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: true },
    maxTokensField: "max_tokens",
  }),
};
