// The isolate's scorer: the committed wasm module and weights, instantiated on
// first use (never at global scope) and reused by every later request.
import scorerModule from "../../wasm/scorer.wasm";
import weights from "../../wasm/scorer-weights.json";
import { Scorer } from "./scorer";

let scorer: Scorer | undefined;

export function getScorer(): Scorer {
  scorer ??= new Scorer(scorerModule, weights);
  return scorer;
}
