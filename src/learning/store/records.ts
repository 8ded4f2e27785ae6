// What the Worker sends a tenant's Durable Object: one row per routed request (no prompt text
// unless the tenant opted in), and one per shadow comparison.
import type { Tier } from "../../schema/canonical.ts";
import type { Objective } from "../../schema/router-options.ts";

export interface DecisionRecord {
  id: string;
  /** ms since the epoch. */
  at: number;
  /** The score routing compared with the boundaries (adjusted when a calibration adjusts). */
  score: number;
  /** The unadjusted final score (the classifier's when it decided): what fits read. */
  rawScore: number;
  stage: string;
  objective: Objective;
  decidedTier: Tier;
  servedTier: Tier;
  explored: boolean;
  minTier: Tier | null;
  stickyTier: Tier | null;
  capTier: Tier | null;
  model: string;
  /** Actual cost from the provider's usage; null without usage. */
  costUsd: number | null;
  calibrationVersion: number;
  scorer: string;
  /** The scorer's dense features. */
  features: Float32Array | null;
  /** Only with the tenant's store_prompts setting. */
  prompt: string | null;
  /** Escalated because of this check, or the check the served answer failed. */
  answerCheck: string | null;
}

export type ShadowVerdict =
  | "cheap_failed_check"
  | "strong_failed_check"
  | "both_failed_check"
  | "agree_exact"
  | "agree_number"
  | "agree_overlap"
  | "agree_tools"
  | "disagree_number"
  | "undetermined"
  | "judge_strong_better"
  | "judge_tie"
  | "judge_cheap_better"
  | "shadow_failed"
  | "budget_exhausted";

/** "up": the served answer was compared with the next tier up's; "down": with the tier below's. */
export type ShadowDirection = "up" | "down";

export interface ShadowRecord {
  decisionId: string;
  direction: ShadowDirection;
  at: number;
  /** UTC day the spend counts against. */
  day: string;
  /** What was reserved against the day's budget (released when settled). */
  reservedUsd: number;
  /** Actual spend of the shadow call and the judge. */
  costUsd: number;
  /** The model the shadow call was answered by (stronger for "up", cheaper for "down"). */
  shadowModel: string | null;
  judgeModel: string | null;
  verdict: ShadowVerdict;
  /** The stronger answer's win rate over the cheaper one; null: no label. */
  label: number | null;
  /** Agreement measures, for the record (no text). */
  overlap: number | null;
}
