// Import from LiteLLM's model_prices_and_context_window.json (a map of model key -> entry with
// per-token prices, limits and supports_* flags). Pure: catalog + file in, catalog + report out.
// - Existing catalog models (matched by provider + upstream model) get prices, limits and the
//   capabilities the file states; their tier and latency hints (judgement) are kept.
// - Other chat models of supported providers are added only when asked (`addNew`), at `newTier`.
import * as z from "zod";
import type { Tier } from "../schema/canonical.ts";
import type { Capability } from "../schema/router-options.ts";
import type { Catalog, CatalogModel, ModelPricing } from "./catalog-schema.ts";
import type { ProviderId } from "../providers/provider-ids.ts";

/** litellm_provider -> router provider id (others are skipped). */
export const LITELLM_PROVIDERS: Record<string, ProviderId> = {
  openai: "openai",
  anthropic: "anthropic",
  gemini: "google",
  groq: "groq",
  together_ai: "together",
  fireworks_ai: "fireworks",
  mistral: "mistral",
  deepseek: "deepseek",
  openrouter: "openrouter",
  cloudflare: "workers-ai",
};

const LITELLM_URL = "https://github.com/BerriAI/litellm/blob/main/model_prices_and_context_window.json";

const perToken = z.number().nonnegative().finite();
const entrySchema = z.object({
  mode: z.string().optional(),
  litellm_provider: z.string(),
  input_cost_per_token: perToken,
  output_cost_per_token: perToken,
  cache_read_input_token_cost: perToken.optional(),
  cache_creation_input_token_cost: perToken.optional(),
  max_input_tokens: z.number().int().positive().optional(),
  max_output_tokens: z.number().int().positive().optional(),
  max_tokens: z.number().int().positive().optional(),
  supports_function_calling: z.boolean().optional(),
  supports_vision: z.boolean().optional(),
  supports_response_schema: z.boolean().optional(),
  supports_reasoning: z.boolean().optional(),
  supports_native_streaming: z.boolean().optional(),
});
type Entry = z.infer<typeof entrySchema>;

export interface LiteLlmImportOptions {
  /** Add chat models the catalog does not have yet. */
  addNew: boolean;
  /** Tier given to added models (judgement the file cannot provide). */
  newTier: Tier;
  /** Date recorded as each imported price's `checked`. */
  checked: string;
}

export interface LiteLlmImportReport {
  updated: string[];
  added: string[];
  /** Count of skipped entries per reason. */
  skipped: Record<string, number>;
}

const perMillion = (usdPerToken: number) => Number((usdPerToken * 1_000_000).toPrecision(12));

function pricingOf(entry: Entry): ModelPricing {
  const pricing: ModelPricing = {
    input: perMillion(entry.input_cost_per_token),
    output: perMillion(entry.output_cost_per_token),
  };
  if (entry.cache_read_input_token_cost !== undefined)
    pricing.cachedInput = perMillion(entry.cache_read_input_token_cost);
  if (entry.cache_creation_input_token_cost !== undefined)
    pricing.cacheWrite = perMillion(entry.cache_creation_input_token_cost);
  return pricing;
}

const FLAGS: [keyof Entry, Capability][] = [
  ["supports_function_calling", "tools"],
  ["supports_vision", "vision"],
  ["supports_response_schema", "json"],
  ["supports_reasoning", "reasoning"],
  ["supports_native_streaming", "streaming"],
];

/** Capabilities: flags the file states override; unstated ones keep the current value. */
function capabilitiesOf(entry: Entry, current: readonly Capability[]): Capability[] {
  const out = new Set(current);
  for (const [flag, capability] of FLAGS) {
    if (entry[flag] === true) out.add(capability);
    if (entry[flag] === false) out.delete(capability);
  }
  return [...out].sort();
}

export function importLiteLlm(catalog: Catalog, data: unknown, options: LiteLlmImportOptions) {
  const report: LiteLlmImportReport = { updated: [], added: [], skipped: {} };
  const skip = (reason: string) => (report.skipped[reason] = (report.skipped[reason] ?? 0) + 1);
  if (typeof data !== "object" || data === null || Array.isArray(data)) {
    throw new TypeError("expected a JSON object of model entries");
  }
  const models = new Map(catalog.models.map((model) => [model.id, model]));
  for (const [key, raw] of Object.entries(data)) {
    if (key === "sample_spec") continue;
    const parsed = entrySchema.safeParse(raw);
    if (!parsed.success) {
      skip("no per-token prices");
      continue;
    }
    const entry = parsed.data;
    if (entry.mode !== undefined && entry.mode !== "chat") {
      skip(`mode ${entry.mode}`);
      continue;
    }
    const provider = LITELLM_PROVIDERS[entry.litellm_provider];
    if (!provider) {
      skip("unsupported provider");
      continue;
    }
    const prefix = `${entry.litellm_provider}/`;
    const upstreamModel = key.startsWith(prefix) ? key.slice(prefix.length) : key;
    const id = `${provider}/${upstreamModel}`;
    const source = {
      name: "LiteLLM model_prices_and_context_window.json (admin import)",
      url: LITELLM_URL,
      checked: options.checked,
    };
    const existing = models.get(id);
    if (existing) {
      const contextWindow = entry.max_input_tokens ?? existing.contextWindow;
      models.set(id, {
        ...existing,
        pricing: {
          ...pricingOf(entry),
          ...(existing.pricing.longContext ? { longContext: existing.pricing.longContext } : {}),
        },
        contextWindow,
        maxOutputTokens: Math.min(entry.max_output_tokens ?? existing.maxOutputTokens, contextWindow),
        capabilities: capabilitiesOf(entry, existing.capabilities),
        source,
      });
      report.updated.push(id);
    } else if (options.addNew) {
      const contextWindow = entry.max_input_tokens ?? entry.max_tokens;
      if (!contextWindow) {
        skip("no context window");
        continue;
      }
      const added: CatalogModel = {
        id,
        provider,
        upstreamModel,
        pricing: pricingOf(entry),
        contextWindow,
        maxOutputTokens: Math.min(entry.max_output_tokens ?? entry.max_tokens ?? 4096, contextWindow),
        capabilities: capabilitiesOf(entry, ["streaming"]),
        maxTier: options.newTier,
        source,
      };
      models.set(id, added);
      report.added.push(id);
    } else {
      skip("not in the catalog (pass add_new=true to add)");
    }
  }
  return { catalog: { ...catalog, models: [...models.values()] }, report };
}
