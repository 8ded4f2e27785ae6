// What the selector reads and returns (types only): its input, the ranked candidates, and the
// selection with the tier it serves and why.
import type { CatalogModel, LatencyHint } from "../pricing/catalog-schema.ts";
import type { Tier } from "../schema/canonical.ts";
import type { KeyPolicy } from "../schema/policy.ts";
import type { Capability, Objective, RouterOptions } from "../schema/router-options.ts";
import type { Floor } from "./tier-floor.ts";

export interface StickyState {
  /** Highest tier served so far in the conversation. */
  tier: Tier;
  model: string;
  provider: string;
}

export interface SelectionInput {
  models: readonly CatalogModel[];
  /** Provider ids this deployment can reach. */
  availableProviders: ReadonlySet<string>;
  /** The decided tier. */
  tier: Tier;
  /** The prompt may belong to the next tier up. */
  uncertain: boolean;
  objective: Objective;
  options: RouterOptions;
  policy: KeyPolicy;
  /** What the key may still spend (from its budget); undefined = no budget. */
  budgetRemainingUsd?: number | undefined;
  /** Seconds until that budget resets (retry-after of a budget refusal). */
  budgetResetSeconds?: number | undefined;
  needs: readonly Capability[];
  inputTokens: number;
  /** Predicted completion tokens. */
  outputTokens: number;
  /** Observed latency estimates per model id (EWMA); catalog hints are the fallback. */
  observedLatency: ReadonlyMap<string, LatencyHint>;
  /** The conversation's previous choice, if it has one. */
  sticky?: StickyState | undefined;
  /** Input tokens of the conversation prefix likely in the sticky model's prompt cache. */
  cachedPrefixTokens?: number;
  /** A concrete model the caller asked for: it goes first, fallbacks follow. */
  requestedModel?: string | undefined;
  /**
   * Cap from the key's strong-share monitor (strong-share-monitor.ts): the router's own choice is
   * served at most at this tier. An explicit min_tier or requested model is not capped by it.
   */
  strongShareCap?: Tier | undefined;
  baselineId: string;
  maxCandidates: number;
}

export interface Candidate {
  model: CatalogModel;
  estCostUsd: number;
  estLatencyMs: number;
}

export interface TierCap {
  wanted: Tier;
  served: Tier;
  by: "policy" | "availability" | "monitor";
}

export interface Selection {
  candidates: Candidate[];
  decidedTier: Tier;
  /** The tier served; lower than the floor only under a visible tier cap. */
  servedTier: Tier;
  floor: Floor;
  tierCap: TierCap | undefined;
  /** Kept for callers that only need a yes/no. */
  tierCapped: boolean;
  baselineCostUsd: number;
  policy: string;
  /** How the conversation's previous choice shaped this one. */
  stickiness: "model" | "provider" | "none";
}
