// The learning part of planning one request: the tenant's tiers and score adjustment (its
// calibration, else the deployment's), a decision id, whether this request explores, and whether
// its top-tier answer is also compared with the tier below's.
import type { Env } from "../../env.ts";
import type { TierConfig } from "../../score/tiering.ts";
import type { ScoreAdjust } from "../../classify/gate.ts";
import { TOP_TIER, type Tier } from "../../schema/canonical.ts";
import { adjustScore } from "./adjustment.ts";
import { newDecisionId } from "./decision-id.ts";
import { sampled } from "./sampling.ts";
import { exploresDown, topTierAskedFor } from "./exploration.ts";
import { readLearningConfig } from "./learning-config.ts";
import { learningKv } from "../store/learning-kv.ts";
import { EMPTY_STATE, loadTenantState, type TenantState } from "./learning-store.ts";
import { SCORER_VERSION } from "../store/scorer-version.ts";
import type { TierContext } from "./served-tier.ts";
import { DEFAULT_TENANT } from "../../schema/identity.ts";

export interface PlanLearning {
  tenant: string;
  decisionId: string;
  enabled: boolean;
  state: TenantState;
  /** The tiers this request is decided with. */
  tiers: TierConfig;
  adjust: ScoreAdjust | undefined;
  /** 0: the deployment defaults. */
  calibrationVersion: number;
}

export async function planLearning(
  env: Env,
  tenant: string | undefined,
  waitUntil: (promise: Promise<unknown>) => void,
  defaults: TierConfig,
): Promise<PlanLearning> {
  const config = readLearningConfig(env);
  const name = tenant ?? DEFAULT_TENANT;
  const state = config.enabled
    ? await loadTenantState(learningKv(env), name, {
        scorer: SCORER_VERSION,
        ttlMs: config.ttlMs,
        now: Date.now,
        waitUntil,
      })
    : EMPTY_STATE;
  const compiled = state.applied?.adjustment;
  return {
    tenant: name,
    decisionId: newDecisionId(),
    enabled: config.enabled,
    state,
    tiers: state.applied?.tiers ?? defaults,
    adjust: compiled ? (score, features) => adjustScore(compiled, score, features) : undefined,
    calibrationVersion: state.applied?.version ?? 0,
  };
}

/** Whether this request is served one tier down to learn (see exploration.ts). */
export function exploresThis(learning: PlanLearning, score: number, context: TierContext): boolean {
  const share = learning.state.settings.exploration.share;
  return learning.enabled && share > 0 && exploresDown(learning.decisionId, share, score, learning.tiers, context);
}

/**
 * Whether this request's top-tier answer is also asked of the tier below, after the response
 * (a downward shadow comparison, shadow-run.ts): sampled by the decision id at the tenant's
 * `shadow.down_share`, never when the caller asked for the top tier.
 */
export function shadowsDownThis(learning: PlanLearning, servedTier: Tier, context: TierContext): boolean {
  const shadow = learning.state.settings.shadow;
  if (!learning.enabled || !shadow.enabled || shadow.budget_usd_daily <= 0) return false;
  if (servedTier !== TOP_TIER || topTierAskedFor(context)) return false;
  return sampled(learning.decisionId, "shadow-down", shadow.down_share);
}
