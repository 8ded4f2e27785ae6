// Writes test/fixtures/scorer-golden.json: score, token estimate, features and
// hashed n-grams of a fixed prompt set, computed by the committed wasm + weights in
// Node. The Node and the workerd golden tests compare against it bit for bit.
// Also test/fixtures/classifier-golden.json (tools/build/classifier/golden.ts).
//   node tools/build/gen-scorer-golden.ts      (after npm run build:wasm / npm run train)
import { writeFileSync } from "node:fs";
import { goldenRecords } from "../../test/fixtures/scorer-golden-prompts.ts";
import { CLASSIFIER_GOLDEN_PATH, computeClassifierGolden } from "./classifier/golden.ts";
import { loadScorer } from "../lib/scorer/node-scorer.ts";

export const GOLDEN_PATH = "test/fixtures/scorer-golden.json";

export function computeGolden() {
  return goldenRecords(loadScorer());
}

if (import.meta.main) {
  writeFileSync(GOLDEN_PATH, JSON.stringify(computeGolden(), null, 1) + "\n");
  writeFileSync(CLASSIFIER_GOLDEN_PATH, JSON.stringify(await computeClassifierGolden(), null, 1) + "\n");
  console.log(`wrote ${GOLDEN_PATH} and ${CLASSIFIER_GOLDEN_PATH}`);
}
