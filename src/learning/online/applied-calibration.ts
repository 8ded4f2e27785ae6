// A tenant's calibration as routing uses it: tiers on the tenant's score scale and the compiled
// adjustment. Anything that does not fit this deployment (another scorer build, a feature this
// scorer lacks) is refused with a reason, and routing keeps the defaults (or the last good one).
import type { TierConfig } from "../../score/tiering.ts";
import { adjustScore, compileAdjustment, type CompiledAdjustment } from "./adjustment.ts";
import type { Calibration } from "../store/calibration-schema.ts";

export interface AppliedCalibration {
  version: number;
  tiers: TierConfig;
  adjustment: CompiledAdjustment | undefined;
}

export type ApplyResult = { ok: true; applied: AppliedCalibration } | { ok: false; problem: string };

export function applyCalibration(
  calibration: Calibration,
  scorer: string,
  featureNames: readonly string[],
): ApplyResult {
  if (calibration.scorer !== scorer) {
    return { ok: false, problem: `fitted for scorer ${calibration.scorer}, this build runs ${scorer}` };
  }
  let adjustment: CompiledAdjustment | undefined;
  if (calibration.adjustment) {
    adjustment = compileAdjustment(calibration.adjustment, featureNames);
    if (!adjustment) return { ok: false, problem: "the adjustment names a feature this scorer does not have" };
  }
  return {
    ok: true,
    applied: {
      version: calibration.version,
      tiers: {
        boundaries: calibration.tiers.boundaries,
        uncertaintyBand: calibration.tiers.uncertainty_band,
      },
      adjustment,
    },
  };
}

/** The score routing compares with the tenant's boundaries. */
export function routingScore(
  applied: AppliedCalibration | undefined,
  score: number,
  features: ArrayLike<number> | undefined,
): number {
  return applied?.adjustment && features ? adjustScore(applied.adjustment, score, features) : score;
}
