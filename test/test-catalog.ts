// A catalog for dispatch tests, written to a spare KV namespace so the tests do not depend
// on the bundled default catalog. Cheapest first within each tier: Anthropic, then Google,
// then OpenAI; tests narrow the pool with router.allow_providers / allow_models.
import type { Catalog, CatalogModel } from "../src/pricing/catalog-schema.ts";
import { CATALOG_KEY, primeCatalog } from "../src/pricing/catalog-store.ts";
import type { ProviderId } from "../src/providers/provider-ids.ts";
import { testEnv } from "./helpers.ts";

const model = (
  id: string,
  maxTier: CatalogModel["maxTier"],
  price: number,
  extra: Partial<CatalogModel> = {},
): CatalogModel => ({
  id,
  provider: id.split("/")[0] as ProviderId,
  upstreamModel: id.split("/")[1]!,
  pricing: { input: price, output: price * 4 },
  contextWindow: 200_000,
  maxOutputTokens: 8192,
  capabilities: ["tools", "vision", "json", "streaming"],
  maxTier,
  latency: { ttftMs: 200, tokensPerSecond: 100 },
  ...extra,
});

export const TEST_CATALOG: Catalog = {
  version: 1,
  updatedAt: "2026-01-01T00:00:00Z",
  baseline: "openai/gpt-4.1",
  models: [
    model("anthropic/claude-haiku-test", "simple", 0.05),
    model("anthropic/claude-sonnet-test", "moderate", 0.3),
    model("google/gemini-flash-lite-test", "simple", 0.07),
    model("google/gemini-flash-test", "moderate", 0.35),
    model("openai/gpt-4.1-nano", "simple", 0.1),
    model("openai/gpt-4.1-mini", "moderate", 0.4),
    model("openai/gpt-4.1", "complex", 2),
  ],
};

/** Writes the test catalog (idempotent: every test file writes the same value) and returns its KV. */
export async function testCatalogKv(): Promise<KVNamespace> {
  const kv = testEnv.SPARE_KV_B;
  const raw = JSON.stringify(TEST_CATALOG);
  await kv.put(CATALOG_KEY, raw);
  primeCatalog(kv, TEST_CATALOG, raw, Date.now());
  return kv;
}

type Mock = { openaiBaseUrl: string; anthropicBaseUrl: string; geminiBaseUrl: string };

/** Env overrides that point the chosen providers at a mock scenario (and switch the others off). */
export async function providersEnv(
  mock: Mock,
  providers: ("openai" | "anthropic" | "google")[],
  extra: Record<string, string> = {},
) {
  return {
    PRICING: await testCatalogKv(),
    OPENAI_API_KEY: providers.includes("openai") ? "sk-test-openai" : "",
    OPENAI_BASE_URL: mock.openaiBaseUrl,
    ANTHROPIC_API_KEY: providers.includes("anthropic") ? "sk-ant-test" : "",
    ANTHROPIC_BASE_URL: mock.anthropicBaseUrl,
    GEMINI_API_KEY: providers.includes("google") ? "gemini-test-key" : "",
    GEMINI_BASE_URL: mock.geminiBaseUrl,
    ...extra,
  };
}
