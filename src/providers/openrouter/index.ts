// OpenRouter: OpenAI-compatible (https://openrouter.ai/docs). Its attribution headers are
// optional: OPENROUTER_SITE_URL -> HTTP-Referer, OPENROUTER_APP_NAME -> X-Title. Mid-stream
// errors arrive as chunks with an `error` object, which the shared base turns into an error part.
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const openrouter: ProviderDefinition = {
  id: "openrouter",
  envPrefix: "OPENROUTER",
  defaultBaseUrl: () => "https://openrouter.ai/api/v1",
  optionVars: ["OPENROUTER_SITE_URL", "OPENROUTER_APP_NAME"],
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "openrouter",
    capabilities: { streaming: true, tools: true, vision: true, json: "json_schema", reasoning: true },
    maxTokensField: "max_tokens",
    // https://openrouter.ai/docs/api-reference/parameters
    accepts: ["verbosity", "prediction", "logit_bias", "logprobs", "top_k"],
    headers: (endpoint) => {
      const headers: Record<string, string> = {};
      const site = endpoint.options?.OPENROUTER_SITE_URL;
      const app = endpoint.options?.OPENROUTER_APP_NAME;
      if (site) headers["HTTP-Referer"] = site;
      if (app) headers["X-Title"] = app;
      return headers;
    },
  }),
};
