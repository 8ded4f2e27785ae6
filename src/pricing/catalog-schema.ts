// The pricing catalog as stored in KV, validated with zod whenever it is read or written.
import { z } from "zod";
import { TIERS } from "../schema/canonical";
import { CAPABILITIES } from "../schema/router-options";

export const catalogModelSchema = z.object({
  /** Public id clients use: `<provider>/<upstream model>`. */
  id: z.string().regex(/^[a-z0-9-]+\/.+$/, "must look like provider/model"),
  provider: z.string().min(1),
  upstreamModel: z.string().min(1),
  /** USD per million tokens. */
  pricing: z.object({
    input: z.number().nonnegative(),
    output: z.number().nonnegative(),
    cachedInput: z.number().nonnegative().optional(),
  }),
  contextWindow: z.number().int().positive(),
  maxOutputTokens: z.number().int().positive(),
  capabilities: z.array(z.enum(CAPABILITIES)),
  /** The highest tier this model serves well. */
  maxTier: z.enum(TIERS),
  latency: z.object({ ttftMs: z.number().positive(), tokensPerSecond: z.number().positive() }).optional(),
  /** Where the price came from, and when it was checked. */
  source: z.object({ url: z.string(), checked: z.string() }).optional(),
});

export const catalogSchema = z
  .object({
    version: z.number().int().nonnegative(),
    updatedAt: z.string(),
    /** The model a caller would use without a router: savings are measured against it. */
    baseline: z.string(),
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

export type CatalogModel = z.infer<typeof catalogModelSchema>;
export type Catalog = z.infer<typeof catalogSchema>;
