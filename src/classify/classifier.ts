// The learned stage's contract. The gate depends on this interface only; the
// ONNX implementation (./onnx/) is loaded lazily, and tests inject their own.
// (`.ts` imports: Node tools type-check and run the classifier code too.)
import type { TierLabel } from "./tier-labels.ts";
import type { ScorerInput } from "../score/scorer.ts";

export interface ClassifierInput {
  /** The scorer's feature vector for this prompt: an owned copy, not the wasm view. */
  scorerFeatures: Float32Array;
  /** What the scorer read, for feature segments computed from text (e.g. hashed n-grams, later). */
  prompt: ScorerInput;
}

/** The model's raw answer, in canonical tier order where it is a distribution. */
export interface ClassifierOutputs {
  /** P(a stronger model is needed), when the model has that output. */
  pStrong?: number;
  /** P(the cheapest sufficient tier is simple / moderate / complex), when the model has that output. */
  tierProbs?: Record<TierLabel, number>;
}

export interface ClassifierVerdict {
  tier: TierLabel;
  /** P(a stronger model is needed) as this model estimates it (see classifier-decision.ts). */
  score: number;
  /** Distance of the deciding quantity to its threshold. */
  confidence: number;
  outputs: ClassifierOutputs;
}

export interface Classifier {
  /** Model version from its metadata (reported in /healthz). */
  readonly version: string;
  classify(input: ClassifierInput): Promise<ClassifierVerdict>;
}
