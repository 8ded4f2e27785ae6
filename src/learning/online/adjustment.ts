// Applying a tenant's score adjustment (calibration-schema.ts): feature names are resolved to
// indices once per calibration, so a request pays one logit and a few multiply-adds.
import { Z_CLIP, type Adjustment } from "../store/calibration-schema.ts";
import { logit, sigmoid } from "../fit/logistic.ts";

export interface CompiledAdjustment {
  intercept: number;
  scoreWeight: number;
  index: Int32Array;
  mean: Float64Array;
  scale: Float64Array;
  weight: Float64Array;
}

/** Undefined when the adjustment names a feature this scorer does not have. */
export function compileAdjustment(
  adjustment: Adjustment,
  featureNames: readonly string[],
): CompiledAdjustment | undefined {
  const index = new Int32Array(adjustment.features.length);
  for (let k = 0; k < adjustment.features.length; k++) {
    const at = featureNames.indexOf(adjustment.features[k]!.name);
    if (at < 0) return undefined;
    index[k] = at;
  }
  return {
    intercept: adjustment.intercept,
    scoreWeight: adjustment.score_weight,
    index,
    mean: Float64Array.from(adjustment.features, (f) => f.mean),
    scale: Float64Array.from(adjustment.features, (f) => f.scale),
    weight: Float64Array.from(adjustment.features, (f) => f.weight),
  };
}

export const clipZ = (z: number) => (z > Z_CLIP ? Z_CLIP : z < -Z_CLIP ? -Z_CLIP : z);

export function adjustScore(adjustment: CompiledAdjustment, score: number, features: ArrayLike<number>): number {
  let z = adjustment.intercept + adjustment.scoreWeight * logit(score);
  for (let k = 0; k < adjustment.index.length; k++) {
    const x = features[adjustment.index[k]!] ?? 0;
    z += adjustment.weight[k]! * clipZ((x - adjustment.mean[k]!) / adjustment.scale[k]!);
  }
  return sigmoid(z);
}
