// Writes test/fixtures/scorer-golden.json: score, token estimate, features and
// hashed n-grams of a fixed prompt set, computed by the committed wasm + weights in
// Node. The Node and the workerd golden tests compare against it bit for bit.
// Also test/fixtures/classifier-golden.json (tools/classifier/golden.ts).
//   node tools/gen-scorer-golden.ts      (after npm run build:wasm / npm run train)
import { writeFileSync } from "node:fs";
import { GOLDEN_INPUTS } from "../test/fixtures/scorer-golden-prompts.ts";
import { CLASSIFIER_GOLDEN_PATH, computeClassifierGolden } from "./classifier/golden.ts";
import { loadScorer } from "./scorer/node-scorer.ts";

export const GOLDEN_PATH = "test/fixtures/scorer-golden.json";

export function computeGolden() {
  const scorer = loadScorer();
  return GOLDEN_INPUTS.map(({ name, input }) => {
    const out = scorer.score(input);
    return {
      name,
      score: out.score,
      tokens: out.tokens,
      features: Array.from(out.features),
      ngrams: { index: Array.from(out.ngrams.index), value: Array.from(out.ngrams.value) },
    };
  });
}

if (import.meta.main) {
  writeFileSync(GOLDEN_PATH, JSON.stringify(computeGolden(), null, 1) + "\n");
  writeFileSync(CLASSIFIER_GOLDEN_PATH, JSON.stringify(await computeClassifierGolden(), null, 1) + "\n");
  console.log(`wrote ${GOLDEN_PATH} and ${CLASSIFIER_GOLDEN_PATH}`);
}
