// Per-key routing policy: what a caller may be served, whatever the request asks. API keys come
// later; until then the deployment-wide ROUTER_POLICY (or the open policy) applies. Every cap the
// policy causes is visible in the response headers (x-router-policy, x-router-tier-capped).
import { z } from "zod";
import { TIERS } from "../schema/canonical";

const names = z.array(z.string().min(1)).optional();

export const keyPolicySchema = z.strictObject({
  /** Shown in x-router-policy. */
  name: z.string().regex(/^[\w.:-]{1,64}$/, "letters, digits, . _ : - only"),
  /** Models whose maxTier is above this are never used; the served tier is capped here. */
  max_tier: z.enum(TIERS).optional(),
  allow_providers: names,
  deny_providers: names,
  allow_models: names,
  deny_models: names,
  /** Estimated-cost ceiling per request, on top of any the request sets. */
  max_cost_usd: z.number().positive().optional(),
  /** Spend limits; the remaining amount is computed by the caller (auth stage) and passed to the selector. */
  budget_usd: z.strictObject({ daily: z.number().positive().optional() }).optional(),
  /**
   * Strong-share monitor (router gaming, strong-share-monitor.ts): on unless `monitor: false`;
   * `allowance` = drift tolerated beyond noise, `ceiling` = hard cap on the top-tier share.
   */
  strong_share: z
    .strictObject({
      monitor: z.boolean().optional(),
      allowance: z.number().min(0).max(1).optional(),
      ceiling: z.number().min(0).max(1).optional(),
    })
    .optional(),
});

export type KeyPolicy = z.infer<typeof keyPolicySchema>;

export const OPEN_POLICY: KeyPolicy = { name: "open" };
