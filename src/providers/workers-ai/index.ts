// Cloudflare Workers AI through its OpenAI-compatible endpoint
// (https://developers.cloudflare.com/workers-ai/configuration/open-ai-compatibility/):
// https://api.cloudflare.com/client/v4/accounts/<WORKERS_AI_ACCOUNT_ID>/ai/v1. Set
// WORKERS_AI_ACCOUNT_ID with WORKERS_AI_API_KEY (an API token), or a full WORKERS_AI_BASE_URL
// (an AI Gateway URL, say). JSON schema mode and images are not offered there: refused.
import { createOpenAICompatibleAdapter } from "../openai-compatible/adapter.ts";
import type { ProviderDefinition } from "../types.ts";

export const workersAi: ProviderDefinition = {
  id: "workers-ai",
  envPrefix: "WORKERS_AI",
  defaultBaseUrl: (read) => {
    const account = read("WORKERS_AI_ACCOUNT_ID");
    return account ? `https://api.cloudflare.com/client/v4/accounts/${encodeURIComponent(account)}/ai/v1` : undefined;
  },
  mockPath: "/v1",
  adapter: createOpenAICompatibleAdapter({
    name: "workers-ai",
    capabilities: { streaming: true, tools: true, vision: false, json: "json_object", reasoning: false },
    maxTokensField: "max_tokens",
    omit: ["user", "reasoning_effort", "parallel_tool_calls"],
  }),
};
