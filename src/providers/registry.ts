// Known providers, and which of them this deployment can reach. A provider
// without an API key is not a candidate, except in local development where
// DEV_UPSTREAM_URL points keyless providers at the mock upstream.
import { readString, type Env } from "../env";
import { openai } from "./openai";
import type { ProviderDefinition, ProviderEndpoint } from "./types";

export const PROVIDERS: readonly ProviderDefinition[] = [openai];

const byId = new Map(PROVIDERS.map((provider) => [provider.id, provider]));

export function getProvider(id: string): ProviderDefinition | undefined {
  return byId.get(id);
}

/** The mock's stand-in key: never a real secret. */
export const DEV_MOCK_KEY = "dev-mock-key";

const cache = new WeakMap<object, ReadonlyMap<string, ProviderEndpoint>>();

export function resolveEndpoints(env: Env): ReadonlyMap<string, ProviderEndpoint> {
  const cached = cache.get(env);
  if (cached) return cached;
  const devUpstream = readString(env, "DEV_UPSTREAM_URL");
  const endpoints = new Map<string, ProviderEndpoint>();
  for (const provider of PROVIDERS) {
    const apiKey = readString(env, `${provider.envPrefix}_API_KEY`);
    const baseUrl = readString(env, `${provider.envPrefix}_BASE_URL`);
    if (apiKey) {
      endpoints.set(provider.id, { providerId: provider.id, apiKey, baseUrl: baseUrl ?? provider.defaultBaseUrl });
    } else if (devUpstream) {
      endpoints.set(provider.id, {
        providerId: provider.id,
        apiKey: DEV_MOCK_KEY,
        baseUrl: `${devUpstream.replace(/\/+$/, "")}${provider.mockPath}`,
      });
    }
  }
  cache.set(env, endpoints);
  return endpoints;
}
