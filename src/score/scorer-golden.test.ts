// workerd half of the golden test: the same wasm, run by the Worker's own host,
// must give exactly the numbers Node computed (test/fixtures/scorer-golden.json).
import { expect, it } from "vitest";
import golden from "../../test/fixtures/scorer-golden.json";
import { goldenRecords } from "../../test/fixtures/scorer-golden-prompts.ts";
import { getScorer } from "./default-scorer.ts";

it("is bit-identical to the Node golden file", () => {
  expect(goldenRecords(getScorer())).toEqual(golden);
});
