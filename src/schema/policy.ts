// Per-key routing policy: what a caller may be served, whatever the request asks. Each client key
// has one (src/auth/); the deployment-wide ROUTER_POLICY narrows every key's restrictions and gives
// the default budgets and rate limit (src/auth/effective-policy.ts). Every cap the policy causes is
// visible in the response headers (x-router-policy, x-router-tier-capped, x-ratelimit-*).
import * as z from "zod";
import { TIERS } from "./canonical.ts";

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
  /** Spend limits per UTC day / month; the remaining amount is computed by the usage gate and passed to the selector. */
  budget_usd: z
    .strictObject({ daily: z.number().positive().optional(), monthly: z.number().positive().optional() })
    .optional(),
  /** At most `requests` per fixed window of `period_seconds` (aligned to the epoch). */
  rate_limit: z
    .strictObject({
      requests: z.number().int().min(1).max(1_000_000),
      period_seconds: z.number().int().min(1).max(86_400),
    })
    .optional(),
  /**
   * Strong-share monitor (router gaming, strong-share-monitor.ts): on unless `monitor: false`;
   * `baseline` = the top-tier share a fresh key starts from (default: the scorer's training share),
   * `allowance` = drift tolerated beyond noise, `ceiling` = hard cap on the top-tier share,
   * `explicit_tiers: true` = a min_tier the caller asks for is not held to the monitor's cap.
   */
  strong_share: z
    .strictObject({
      monitor: z.boolean().optional(),
      baseline: z.number().min(0).max(1).optional(),
      allowance: z.number().min(0).max(1).optional(),
      ceiling: z.number().min(0).max(1).optional(),
      explicit_tiers: z.boolean().optional(),
    })
    .optional(),
});

export type KeyPolicy = z.infer<typeof keyPolicySchema>;

export const OPEN_POLICY: KeyPolicy = { name: "open" };
