// The learned stage's contract. The gate depends on this interface only; the
// ONNX implementation (./onnx/) is loaded lazily, and tests inject their own.
// (`.ts` imports: Node tools type-check and run the classifier code too.)
import type { TierLabel } from "./tier-labels.ts";
import type { NgramView, ScorerInput } from "../score/scorer.ts";

export interface ClassifierInput {
  /** The scorer's feature vector for this prompt: an owned copy, not the wasm view. */
  scorerFeatures: Float32Array;
  /** The scorer's hashed n-grams for this prompt (owned copies), for models with an ngrams segment. */
  ngrams?: NgramView;
  /** What the scorer read. */
  prompt: ScorerInput;
  /** The router's tier boundaries, for models that decide on the scorer's scale ("tiers"). */
  boundaries?: readonly [number, number];
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

/** The isolate's classifier, or why there is none (see classifier-slot.ts). */
export type ClassifierAccess =
  { state: "ready"; classifier: Classifier } | { state: "loading" | "failed" | "not-bundled" };

export interface Classifier {
  /** Model version from its metadata (reported in /healthz). */
  readonly version: string;
  classify(input: ClassifierInput): Promise<ClassifierVerdict>;
}
