// Node half of the classifier parity check: the committed scorer + ONNX model,
// run by the Worker's host code under Node, reproduce test/fixtures/classifier-golden.json
// exactly; test/classifier.test.ts checks the same file inside workerd.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { CLASSIFIER_GOLDEN_PATH, computeClassifierGolden } from "../../tools/build/classifier/golden.ts";

it("classifier outputs match the golden file exactly (regenerate: node tools/build/gen-scorer-golden.ts)", async () => {
  const golden = JSON.parse(readFileSync(CLASSIFIER_GOLDEN_PATH, "utf8"));
  expect(await computeClassifierGolden()).toEqual(golden);
  // The set exercises more than one tier, so a decision rule that ignores its input would fail too.
  expect(new Set(golden.map((g: { tier: string }) => g.tier)).size).toBeGreaterThan(1);
});
