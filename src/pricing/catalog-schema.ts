// The pricing catalog as stored in KV, validated with zod whenever it is read or written.
import * as z from "zod";
import { TIERS } from "../schema/canonical.ts";
import { CAPABILITIES } from "../schema/router-options.ts";
import { PROVIDER_IDS } from "../providers/provider-ids.ts";

const usdPerMillion = z.number().nonnegative().finite();

/** USD per million tokens. */
export const modelPricingSchema = z.strictObject({
  input: usdPerMillion,
  output: usdPerMillion,
  /** Price of input tokens served from the provider's prompt cache. */
  cachedInput: usdPerMillion.optional(),
  /** Price of input tokens written to the prompt cache (Anthropic-style explicit caching). */
  cacheWrite: usdPerMillion.optional(),
  /** Long-context surcharge: prompts with more than `aboveInputTokens` input tokens use these prices. */
  longContext: z
    .strictObject({
      aboveInputTokens: z.number().int().positive(),
      input: usdPerMillion,
      output: usdPerMillion,
      cachedInput: usdPerMillion.optional(),
    })
    .optional(),
});

export const latencyHintSchema = z.strictObject({
  /** Typical time to first token, milliseconds. */
  ttftMs: z.number().positive().finite(),
  /** Typical output speed once streaming, tokens per second. */
  tokensPerSecond: z.number().positive().finite(),
});

export const priceSourceSchema = z.strictObject({
  /** Where the price came from (a package@version or a page title). */
  name: z.string().min(1).optional(),
  url: z.string(),
  /** Date (YYYY-MM-DD) the price was taken from the source. */
  checked: z.string(),
  /** Caveats: conditional prices, peak hours, introductory rates. */
  note: z.string().optional(),
});

export const catalogModelSchema = z
  .strictObject({
    /** Public id clients use: `<provider>/<upstream model>`. */
    id: z.string().regex(/^[a-z0-9-]+\/.+$/, "must look like provider/model"),
    provider: z.enum(PROVIDER_IDS),
    upstreamModel: z.string().min(1),
    pricing: modelPricingSchema,
    contextWindow: z.number().int().positive(),
    maxOutputTokens: z.number().int().positive(),
    capabilities: z.array(z.enum(CAPABILITIES)),
    /** The highest tier this model serves well (simple < moderate < complex). */
    maxTier: z.enum(TIERS),
    /** Priors for the latency estimate; observed calls refine them (EWMA). */
    latency: latencyHintSchema.optional(),
    source: priceSourceSchema.optional(),
  })
  .refine((model) => model.id === `${model.provider}/${model.upstreamModel}`, {
    message: "id must be `<provider>/<upstreamModel>`",
    path: ["id"],
  });

export const catalogSchema = z
  .strictObject({
    version: z.number().int().nonnegative(),
    updatedAt: z.string(),
    /** The model a caller would use without a router: savings are measured against it. */
    baseline: z.string(),
    /** Where the catalog came from (generator, admin import, ...). */
    source: z.string().optional(),
    models: z.array(catalogModelSchema).min(1),
  })
  .refine((catalog) => catalog.models.some((model) => model.id === catalog.baseline), {
    message: "baseline must be one of the catalog's models",
    path: ["baseline"],
  })
  .refine((catalog) => new Set(catalog.models.map((model) => model.id)).size === catalog.models.length, {
    message: "model ids must be unique",
    path: ["models"],
  });

export type ModelPricing = z.infer<typeof modelPricingSchema>;
export type LatencyHint = z.infer<typeof latencyHintSchema>;
export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
