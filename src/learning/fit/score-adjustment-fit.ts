// Fitting a tenant's score adjustment from paired outcomes (a cheaper and a stronger answer to
// the same prompt, compared): a ridge logistic regression of the win-rate label on logit(score)
// and the standardised dense features. It is kept only when its 3-fold out-of-fold log loss beats
// the score alone by more than MIN_SE standard errors (paired over examples): a monotone remap would change nothing (boundaries absorb it), so
// an adjustment exists only to re-rank prompts, and only when the data says it does.
import type { Adjustment } from "../store/calibration-schema.ts";
import { clipZ } from "../online/adjustment.ts";
import { fitLogistic, logit, logLoss, type LogisticProblem } from "./logistic.ts";

export interface PairedExample {
  score: number;
  features: ArrayLike<number>;
  /** A stronger model's win rate over the served answer (1, 0.5 or 0). */
  y: number;
}

export interface AdjustmentFit {
  adjustment: Adjustment | null;
  cv: {
    base: number;
    adjusted: number;
    gain: number;
    standard_error: number;
    lambda: number;
    folds: number;
    examples: number;
  };
}

const LAMBDAS = [0.001, 0.01, 0.1, 1];
/** The features must improve out-of-fold log loss by this many standard errors to be used. */
export const MIN_SE = 2;
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

/** Out-of-fold log loss of every example (each predicted by the fit on the other folds). */
function cvLosses(problem: LogisticProblem, n: number): Float64Array {
  const losses = new Float64Array(n);
  for (let f = 0; f < FOLDS; f++) {
    const train: number[] = [];
    const test: number[] = [];
    for (let i = 0; i < n; i++) (i % FOLDS === f ? test : train).push(i);
    const fit = fitLogistic(problem, train);
    for (const i of test) losses[i] = logLoss(fit, problem, [i]);
  }
  return losses;
}

const average = (xs: Float64Array) => xs.reduce((a, b) => a + b, 0) / xs.length;

/** Mean paired improvement of `b` over `a` and its standard error. */
function pairedGain(a: Float64Array, b: Float64Array) {
  const d = Float64Array.from(a, (x, i) => x - b[i]!);
  const m = average(d);
  const sd = Math.sqrt(d.reduce((s, x) => s + (x - m) ** 2, 0) / Math.max(d.length - 1, 1));
  return { gain: m, se: sd / Math.sqrt(d.length) };
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
  const baseLosses = cvLosses(baseProblem, n);
  let best = { losses: baseLosses, loss: Infinity, lambda: LAMBDAS[0]! };
  for (const lambda of LAMBDAS) {
    const l2 = new Float64Array(full.d).fill(lambda);
    l2[0] = SCORE_L2;
    const losses = cvLosses({ ...full, y, w, l2 }, n);
    const loss = average(losses);
    if (loss < best.loss) best = { losses, loss, lambda };
  }
  const { gain, se } = pairedGain(baseLosses, best.losses);
  const cv = {
    base: round(average(baseLosses)),
    adjusted: round(best.loss),
    gain: round(gain, 7),
    standard_error: round(se, 7),
    lambda: best.lambda,
    folds: FOLDS,
    examples: n,
  };
  // Kept only when the out-of-fold improvement is clearly above noise (two standard errors).
  if (!(gain > MIN_SE * se && gain > 0)) return { adjustment: null, cv };
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
