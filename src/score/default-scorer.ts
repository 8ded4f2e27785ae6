// The isolate's scorer: the committed wasm module, word-topic table and weights,
// instantiated on first use (never at global scope) and reused by every later request.
import scorerModule from "../../wasm/scorer.wasm";
import model from "../../wasm/scorer-weights.json";
import topics from "../../wasm/scorer-topics.bin";
import { Scorer } from "./scorer.ts";

let scorer: Scorer | undefined;

export function getScorer(): Scorer {
  scorer ??= new Scorer(scorerModule, topics, model);
  return scorer;
}
