import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter";
import type { ProviderDefinition } from "../types";

export const openai: ProviderDefinition = {
  id: "openai",
  envPrefix: "OPENAI",
  defaultBaseUrl: () => "https://api.openai.com/v1",
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "openai",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: true },
  }),
};
