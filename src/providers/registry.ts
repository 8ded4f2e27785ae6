// Known providers, and which of them this deployment can reach. A provider
// without an API key is not a candidate, except in local development where
// DEV_UPSTREAM_URL points keyless providers at the mock upstream.
import { readString, type Env } from "../env.ts";
import { anthropic } from "./anthropic/index.ts";
import { custom } from "./custom/index.ts";
import { deepseek } from "./deepseek/index.ts";
import { fireworks } from "./fireworks/index.ts";
import { google } from "./gemini/index.ts";
import { groq } from "./groq/index.ts";
import { mistral } from "./mistral/index.ts";
import { openai } from "./openai/index.ts";
import { openrouter } from "./openrouter/index.ts";
import { together } from "./together/index.ts";
import type { ProviderDefinition, ProviderEndpoint } from "./types.ts";
import { workersAi } from "./workers-ai/index.ts";

export const PROVIDERS: readonly ProviderDefinition[] = [
  openai,
  anthropic,
  google,
  groq,
  together,
  fireworks,
  mistral,
  deepseek,
  openrouter,
  workersAi,
  custom,
];

const byId = new Map<string, ProviderDefinition>(PROVIDERS.map((provider) => [provider.id, provider]));

export function getProvider(id: string): ProviderDefinition | undefined {
  return byId.get(id);
}

/** The mock's stand-in key: never a real secret. */
export const DEV_MOCK_KEY = "dev-mock-key";

const cache = new WeakMap<object, ReadonlyMap<string, ProviderEndpoint>>();

function resolveOne(
  provider: ProviderDefinition,
  env: Env,
  devUpstream: string | undefined,
): ProviderEndpoint | undefined {
  const read = (name: string) => readString(env, name);
  const apiKey = read(`${provider.envPrefix}_API_KEY`);
  const baseUrl = read(`${provider.envPrefix}_BASE_URL`) ?? provider.defaultBaseUrl(read);
  const options = Object.fromEntries(
    (provider.optionVars ?? []).flatMap((name) => (read(name) ? [[name, read(name)!]] : [])),
  );
  const configured =
    baseUrl !== undefined &&
    (apiKey !== undefined || (provider.apiKeyOptional && read(`${provider.envPrefix}_BASE_URL`)));
  if (configured) return { providerId: provider.id, apiKey: apiKey ?? "", baseUrl: baseUrl!, options };
  if (devUpstream && apiKey === undefined) {
    return {
      providerId: provider.id,
      apiKey: DEV_MOCK_KEY,
      baseUrl: `${devUpstream.replace(/\/+$/, "")}${provider.mockPath}`,
      options,
    };
  }
  return undefined;
}

export function resolveEndpoints(env: Env): ReadonlyMap<string, ProviderEndpoint> {
  const cached = cache.get(env);
  if (cached) return cached;
  const devUpstream = readString(env, "DEV_UPSTREAM_URL");
  const endpoints = new Map<string, ProviderEndpoint>();
  for (const provider of PROVIDERS) {
    const endpoint = resolveOne(provider, env, devUpstream);
    if (endpoint) endpoints.set(provider.id, endpoint);
  }
  cache.set(env, endpoints);
  return endpoints;
}
