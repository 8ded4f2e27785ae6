// Prompt -> what the models read, through the production wasm and host
// (src/score/scorer.ts): the dense features (size, structure, cues, topics) and the
// hashed n-gram buckets. No other feature code exists, so training and serving cannot disagree.
import type { Scorer } from "../../../src/score/scorer.ts";
import { rowScorerInput, type PromptRow } from "../../lib/router/row-request.ts";

export interface PromptFeatures {
  features: Float32Array;
  ngrams: { index: Uint16Array; value: Float32Array };
}

export function promptFeatures(scorer: Scorer, row: PromptRow): PromptFeatures {
  const out = scorer.score(rowScorerInput(row));
  return {
    features: Float32Array.from(out.features),
    ngrams: { index: Uint16Array.from(out.ngrams.index), value: Float32Array.from(out.ngrams.value) },
  };
}
