// Fitting a tenant's score adjustment from paired outcomes (a cheaper and a stronger answer to
// the same prompt, compared): a ridge logistic regression of the win-rate label on logit(score)
// and the standardised dense features. It is kept only when 3-fold cross-validated log loss beats
// the score alone by MIN_GAIN: a monotone remap would change nothing (boundaries absorb it), so
// an adjustment exists only to re-rank prompts, and only when the data says it does.
import type { Adjustment } from "./calibration-schema.ts";
import { clipZ } from "./adjustment.ts";
import { fitLogistic, logit, logLoss, type LogisticProblem } from "./logistic.ts";

export interface PairedExample {
  score: number;
  features: ArrayLike<number>;
  /** A stronger model's win rate over the served answer (1, 0.5 or 0). */
  y: number;
}

export interface AdjustmentFit {
  adjustment: Adjustment | null;
  cv: { base: number; adjusted: number; lambda: number; folds: number; examples: number };
}

const LAMBDAS = [0.001, 0.01, 0.1];
/** Mean cross-entropy improvement (nats) the features must bring to be used. */
export const MIN_GAIN = 0.002;
const FOLDS = 3;
const SCORE_L2 = 1e-4;

/** Column 0: logit(score) standardised by (center, spread); then the clipped feature z-scores. */
function design(
  examples: readonly PairedExample[],
  score: { center: number; spread: number },
  mean: Float64Array,
  scale: Float64Array,
  active: number[],
) {
  const d = 1 + active.length;
  const x = new Float64Array(examples.length * d);
  examples.forEach((e, i) => {
    x[i * d] = (logit(e.score) - score.center) / score.spread;
    active.forEach((j, k) => (x[i * d + 1 + k] = clipZ(((e.features[j] ?? 0) - mean[j]!) / scale[j]!)));
  });
  return { x, d };
}

function cvLoss(problem: LogisticProblem, n: number): number {
  let loss = 0;
  for (let f = 0; f < FOLDS; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (i % FOLDS === f ? test : train).push(i);
    loss += logLoss(fitLogistic(problem, train), problem, test) * test.length;
  }
  return loss / n;
}

const round = (x: number, digits = 6) => Number(x.toFixed(digits));
/** Nine significant digits: stable JSON, and no small scale rounds to zero. */
const sig = (x: number) => Number(x.toPrecision(9));

export function fitAdjustment(examples: readonly PairedExample[], featureNames: readonly string[]): AdjustmentFit {
  const n = examples.length;
  const width = featureNames.length;
  const mean = new Float64Array(width);
  const scale = new Float64Array(width);
  for (const e of examples) for (let j = 0; j < width; j++) mean[j]! += (e.features[j] ?? 0) / n;
  for (const e of examples) for (let j = 0; j < width; j++) scale[j]! += ((e.features[j] ?? 0) - mean[j]!) ** 2 / n;
  const active: number[] = [];
  for (let j = 0; j < width; j++) {
    scale[j] = Math.sqrt(scale[j]!);
    if (scale[j]! > 1e-6) active.push(j);
  }
  let center = 0;
  for (const e of examples) center += logit(e.score) / n;
  let spread = 0;
  for (const e of examples) spread += (logit(e.score) - center) ** 2 / n;
  const score = { center, spread: Math.sqrt(spread) || 1 };
  const y = Float64Array.from(examples, (e) => e.y);
  const w = new Float64Array(n).fill(1);
  // The score's own (standardised) coefficient is barely penalised; the features are shrunk.
  const base = design(examples, score, mean, scale, []);
  const baseProblem: LogisticProblem = { ...base, y, w, l2: Float64Array.of(SCORE_L2) };
  const full = design(examples, score, mean, scale, active);
  const cvBase = cvLoss(baseProblem, n);
  let best = { loss: Infinity, lambda: LAMBDAS[0]! };
  for (const lambda of LAMBDAS) {
    const l2 = new Float64Array(full.d).fill(lambda);
    l2[0] = SCORE_L2;
    const loss = cvLoss({ ...full, y, w, l2 }, n);
    if (loss < best.loss) best = { loss, lambda };
  }
  const cv = { base: round(cvBase), adjusted: round(best.loss), lambda: best.lambda, folds: FOLDS, examples: n };
  if (!(best.loss < cvBase - MIN_GAIN)) return { adjustment: null, cv };
  const l2 = new Float64Array(full.d).fill(best.lambda);
  l2[0] = SCORE_L2;
  const fit = fitLogistic({ ...full, y, w, l2 });
  // Back to logit(score) on its own scale: b·(logit − center)/spread = (b/spread)·logit − b·center/spread.
  const scoreWeight = fit.coef[0]! / score.spread;
  return {
    adjustment: {
      intercept: sig(fit.intercept - scoreWeight * score.center),
      score_weight: sig(scoreWeight),
      features: active
        .map((j, k) => ({
          name: featureNames[j]!,
          mean: sig(mean[j]!),
          scale: sig(scale[j]!),
          weight: sig(fit.coef[1 + k]!),
        }))
        .filter((f) => f.weight !== 0),
    },
    cv,
  };
}
