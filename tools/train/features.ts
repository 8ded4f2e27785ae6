// Prompt -> what the models read, through the production wasm and host
// (src/score/scorer.ts): the 48 dense features and the hashed n-gram buckets.
// No other feature code exists, so training and serving cannot disagree.
import type { Scorer } from "../../src/score/scorer.ts";

export interface PromptFeatures {
  dense: Float32Array;
  idx: Uint32Array;
  val: Float32Array;
}

/**
 * A data row's `prompt` is the first user turn and `turns` the later user turns (no
 * assistant replies are recorded): the last turn is scored as the primary span, the
 * earlier ones as context, with an assistant reply assumed between user turns.
 */
export function scorerInputOf(row: { prompt: string; turns?: string[] }) {
  if (row.turns && row.turns.length > 0) {
    return {
      primary: row.turns.at(-1)!,
      context: [row.prompt, ...row.turns.slice(0, -1)].join("\n"),
      flags: 0,
      turns: 2 * row.turns.length,
    };
  }
  return { primary: row.prompt, context: "", flags: 0 };
}

export function promptFeatures(scorer: Scorer, row: { prompt: string; turns?: string[] }): PromptFeatures {
  const out = scorer.score(scorerInputOf(row));
  return {
    dense: Float32Array.from(out.features),
    idx: Uint32Array.from(out.ngrams.index),
    val: Float32Array.from(out.ngrams.value),
  };
}
