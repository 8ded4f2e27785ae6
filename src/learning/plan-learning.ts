// The learning part of planning one request: the tenant's tiers and score adjustment (its
// calibration, else the deployment's), a decision id, and whether this request explores.
import type { Env } from "../env";
import type { TierConfig } from "../score/tiering";
import type { ScoreAdjust } from "../classify/gate";
import { adjustScore } from "./adjustment";
import { newDecisionId } from "./decision-id";
import { exploresDown } from "./exploration";
import { readLearningConfig } from "./learning-config";
import { learningKv } from "./learning-kv";
import { EMPTY_STATE, loadTenantState, type TenantState } from "./learning-store";
import { SCORER_VERSION } from "./scorer-version";
import type { TierContext } from "./served-tier";
import { DEFAULT_TENANT } from "./tenant";

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
