// The ONNX classifier's fit: the scorer's labels, rows and weights, on a richer input — the
// scorer's features (clipped, standardised) and its 4,096 hashed word n-gram buckets — by sparse
// ridge regression, then averaged (in logits) with the scorer itself: the classifier is consulted
// only on prompts near a tier boundary, where a second, differently built estimate of the same
// quantity is worth most as an ensemble with the first, not as its replacement (word identities
// generalise worse than the scorer's features: docs/router-model.md). Its output is sigmoid(z) on
// the scorer's scale, so it decides with the router's tier boundaries. Whether it earns its place is
// measured leave-one-set-out on the prompts it is consulted on (npm run eval).
import type { ClassifierSpec } from "../classifier/classifier-spec.ts";
import { DEFAULT_FIT, featureClip, fitRows, type FitOptions, type LinearScorer } from "./fit-scorer.ts";
import { fitSparseRidge, predictSparse, type SparseRidge } from "./sparse-ridge.ts";
import type { TrainItem } from "./training-rows.ts";

/** Ridge penalty of the classifier (n-gram weights are many and small). */
export const CLASSIFIER_ALPHA = 1;
const CG_ITERATIONS = 150;

export interface LinearClassifier {
  clip: number[];
  mean: number[];
  scale: number[];
  model: SparseRidge;
  buckets: number;
}

function sparseRow(c: Omit<LinearClassifier, "model">, it: Pick<TrainItem, "features" | "ngrams">) {
  const d = c.clip.length;
  const index = new Uint32Array(d + it.ngrams.index.length);
  const value = new Float64Array(index.length);
  for (let j = 0; j < d; j++) {
    index[j] = j;
    value[j] = (Math.min(it.features[j]!, c.clip[j]!) - c.mean[j]!) * c.scale[j]!;
  }
  it.ngrams.index.forEach((b, k) => {
    index[d + k] = d + b;
    value[d + k] = it.ngrams.value[k]!;
  });
  return { index, value };
}

/**
 * `scorer` is the scorer fitted on the same rows: the classifier is the logit average of it and the
 * n-gram model (both linear in the same inputs, so the average is one linear model).
 */
export function fitClassifier(
  items: readonly TrainItem[],
  buckets: number,
  scorer: LinearScorer,
  options: FitOptions = DEFAULT_FIT,
  alpha = CLASSIFIER_ALPHA,
): LinearClassifier {
  const rows = fitRows(items, options);
  const clip = featureClip(rows.items);
  const d = clip.length;
  const total = rows.w.reduce((a, b) => a + b, 0);
  const mean = Array.from(
    { length: d },
    (_, j) => rows.items.reduce((s, it, i) => s + rows.w[i]! * Math.min(it.features[j]!, clip[j]!), 0) / total,
  );
  const scale = Array.from({ length: d }, (_, j) => {
    const v =
      rows.items.reduce((s, it, i) => s + rows.w[i]! * (Math.min(it.features[j]!, clip[j]!) - mean[j]!) ** 2, 0) /
      total;
    return v > 1e-12 ? 1 / Math.sqrt(v) : 1;
  });
  const shape = { clip, mean, scale, buckets };
  const ngramModel = fitSparseRidge(
    rows.items.map((it) => sparseRow(shape, it)),
    rows.y,
    rows.w,
    d + buckets,
    alpha,
    CG_ITERATIONS,
  );
  // Average with the scorer: its weights on raw clipped features, re-expressed on the standardised ones.
  const beta = Float64Array.from(ngramModel.beta, (b) => b / 2);
  let intercept = ngramModel.intercept / 2 + scorer.bias / 2;
  for (let j = 0; j < d; j++) {
    beta[j]! += scorer.weights[j]! / scale[j]! / 2;
    intercept += (scorer.weights[j]! * mean[j]!) / 2;
  }
  return { ...shape, model: { intercept, beta } };
}

/** The classifier's z on a prompt's features and n-grams. */
export function classifierLogit(c: LinearClassifier, it: Pick<TrainItem, "features" | "ngrams">): number {
  return predictSparse(c.model, sparseRow(c, it));
}

/** The fitted classifier as the ONNX writer's spec (tools/build/classifier/classifier-spec.ts). */
export function classifierSpec(
  c: LinearClassifier,
  featureNames: readonly string[],
  version: string,
  training: Record<string, unknown>,
): ClassifierSpec {
  const d = c.clip.length;
  const width = d + c.buckets;
  return {
    version,
    provisional: false,
    description:
      "Linear model over the scorer's features and its hashed word n-grams, fitted on the scorer's need labels " +
      "(tools/build/train/fit-classifier.ts). p_strong = sigmoid(z) is on the scorer's scale: it decides with the router's tier boundaries.",
    input: {
      name: "features",
      segments: [
        { kind: "scorer", size: d, names: featureNames.slice() },
        { kind: "ngrams", size: c.buckets },
      ],
    },
    // n-gram values are at most 1 (unit L2 norm): only the scorer's features are ever clipped.
    clip: [...c.clip.map((x) => Math.fround(x)), ...new Array<number>(c.buckets).fill(1)],
    scaling: {
      mean: [...c.mean.map((x) => Math.fround(x)), ...new Array<number>(c.buckets).fill(0)],
      scale: [...c.scale.map((x) => Math.fround(x)), ...new Array<number>(c.buckets).fill(1)],
    },
    hidden: [],
    heads: {
      p_strong: {
        weights: Array.from({ length: width }, (_, j) => [Math.fround(c.model.beta[j]!)]),
        bias: [Math.fround(c.model.intercept)],
      },
    },
    decision: { output: "p_strong", boundaries: "tiers" },
    training,
  };
}
