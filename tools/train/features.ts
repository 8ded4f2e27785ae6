// Prompt -> what the models read, through the production wasm and host
// (src/score/scorer.ts): the 48 dense features and the hashed n-gram buckets.
// No other feature code exists, so training and serving cannot disagree.
import type { Scorer } from "../../src/score/scorer.ts";
import { rowScorerInput, type PromptRow } from "../router/row-request.ts";

export interface PromptFeatures {
  dense: Float32Array;
  idx: Uint32Array;
  val: Float32Array;
}

export function promptFeatures(scorer: Scorer, row: PromptRow): PromptFeatures {
  const out = scorer.score(rowScorerInput(row));
  return {
    dense: Float32Array.from(out.features),
    idx: Uint32Array.from(out.ngrams.index),
    val: Float32Array.from(out.ngrams.value),
  };
}
