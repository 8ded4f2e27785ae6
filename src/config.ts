// Routing settings from environment variables (wrangler.toml [vars] or secrets), read through
// defineEnvConfig (src/env.ts): parsed once per isolate, a bad value fails loudly.
import * as z from "zod";
import { defineEnvConfig } from "./env.ts";
import { OBJECTIVES, type Objective } from "./schema/router-options.ts";
import { FITTED_TIER_DEFAULTS } from "./score/tier-defaults.ts";
import type { TierConfig } from "./score/tiering.ts";

export interface RouterConfig {
  tiers: TierConfig;
  defaultObjective: Objective;
  /** Catalog id used to compute savings; overrides the catalog's own baseline. */
  baselineModel: string | undefined;
  /** Seconds a cached pricing catalog is served before a background refresh. */
  catalogTtlSeconds: number;
}

const numberList = z
  .string()
  .transform((text) => text.split(",").map((part) => Number(part.trim())))
  .pipe(z.tuple([z.number().gt(0).lt(1), z.number().gt(0).lt(1)]))
  .refine(([low, high]) => low < high, "boundaries must be ascending");

const configSchema = z.object({
  // Defaults: fitted with the scorer's weights on training data (the score's scale is the model's).
  ROUTER_TIER_BOUNDARIES: numberList.default(FITTED_TIER_DEFAULTS.tier_boundaries),
  ROUTER_UNCERTAINTY_BAND: z.coerce.number().min(0).max(0.5).default(FITTED_TIER_DEFAULTS.uncertainty_band),
  ROUTER_DEFAULT_OBJECTIVE: z.enum(OBJECTIVES).default("balanced"),
  ROUTER_BASELINE_MODEL: z.string().min(1).optional(),
  ROUTER_CATALOG_TTL_SECONDS: z.coerce.number().int().min(1).max(86_400).default(60),
});

export const readConfig = defineEnvConfig(configSchema, (vars): RouterConfig => ({
  tiers: {
    boundaries: vars.ROUTER_TIER_BOUNDARIES as [number, number],
    uncertaintyBand: vars.ROUTER_UNCERTAINTY_BAND,
  },
  defaultObjective: vars.ROUTER_DEFAULT_OBJECTIVE,
  baselineModel: vars.ROUTER_BASELINE_MODEL,
  catalogTtlSeconds: vars.ROUTER_CATALOG_TTL_SECONDS,
}));
