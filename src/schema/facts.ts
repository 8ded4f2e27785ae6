// What the pipeline tells its observers (accounting, learning, the response headers, stats) about
// one routed request, as plain records: what was decided before any upstream call, what each
// upstream attempt did and may be billed for, what was served, and what it cost. Observers get
// these, never the plan they come from (pipeline/plan-route.ts), so none of them depends on it.
import type { Tier, Usage } from "./canonical.ts";
import type { Objective } from "./router-options.ts";

/**
 * What an upstream attempt costs the operator: the provider's usage when it reported some;
 * otherwise an estimate from the output the attempt produced (priced with the request's input
 * estimate). `outputUnseen`: the provider may have generated output the router never read (a
 * timed-out attempt), priced at the request's predicted output. An attempt the provider answered
 * with an HTTP error costs nothing and has no charge.
 */
export type AttemptCharge =
  { basis: "usage"; usage: Usage } | { basis: "estimate"; outputChars: number; outputUnseen?: boolean };

/** One upstream attempt of a request (dispatch makes them; accounting and budgets price them). */
export interface AttemptRecord {
  model: string;
  provider: string;
  /** HTTP status, 200 on success, 0 when no response arrived. */
  status: number;
  error?: string;
  /** Started as a hedge while an earlier attempt was still pending. */
  hedge?: boolean;
  /**
   * served: the answer the client got; failed: an error; dropped: a working answer set aside (a
   * hedge that lost, an answer escalated from, a cut stream continued elsewhere). Unset while pending.
   */
  outcome?: "served" | "failed" | "dropped";
  /** Why a dropped answer was dropped. */
  dropped?: "hedge" | "escalated" | "continued";
  /** The output cap a key's budget hold put on this attempt (sent upstream as max_tokens). */
  maxTokens?: number;
  /** What it costs; the served stream's is set by whoever reads it to the end (accounting). */
  charge?: AttemptCharge;
}

/** A visible cap on the served tier (x-router-tier-capped), and what caused it. */
export interface TierCapFact {
  wanted: Tier;
  served: Tier;
  by: "policy" | "availability" | "monitor";
}

/** What routing decided for a request, before any upstream call. */
export interface DecisionFacts {
  requestId: string;
  /** The tier the score decided (before floors and caps), and the stage that decided it (x-router-stage). */
  decidedTier: Tier;
  stage: string;
  score: number;
  /** The score before a tenant's calibration adjusted it. */
  rawScore: number;
  confidence: number;
  /** The prompt may belong to the next tier up. */
  uncertain: boolean;
  /** The scorer's dense features, when the scorer ran. */
  features: Float32Array | undefined;
  objective: Objective;
  /** The tier the selection serves, and what shaped it (the floor's reasons, a cap, the policy, stickiness). */
  servedTier: Tier;
  floor: readonly string[];
  tierCap: TierCapFact | undefined;
  policy: string;
  stickiness: "model" | "provider" | "none";
  /** The conversation's tier before this turn, when it has one. */
  stickyTier: Tier | undefined;
  /** Where this turn's tier is kept for the conversation's next turn, and whether it replaces what is kept. */
  conversation: { key: string; reset: boolean } | undefined;
  /** Estimated input and predicted output tokens (attempts without usage are priced with these). */
  inputTokens: number;
  outputTokens: number;
  /** The model savings are measured against, and what it would be expected to cost here. */
  baselineId: string;
  baselineEstCostUsd: number;
  /** Microseconds spent deciding and selecting. */
  decisionMicros: number;
  /** x-router-strong-share: the key's monitored top-tier share, when auto routing monitored it. */
  strongShare: string | undefined;
}

/**
 * What was served: the model that answered, what it was expected to cost and take, every attempt
 * made for the request, and what dispatch did on the way. A stream's record is final when the
 * stream ends (a continuation changes the model and adds an attempt).
 */
export interface ServedFacts {
  model: string;
  provider: string;
  /** The tier that answered: the decision's, or the next one up when the answer was escalated. */
  tier: Tier;
  estCostUsd: number;
  estLatencyMs: number;
  attempts: AttemptRecord[];
  /** The answer check that sent the request one tier up. */
  escalatedBy: string | undefined;
  /** The answer check the served answer failed (and could not be escalated from). */
  failedCheck: string | undefined;
}

/** What a request cost: every billed attempt, and the baseline model for the served answer's usage. */
export interface CostFacts {
  costUsd: number;
  baselineCostUsd: number;
}
