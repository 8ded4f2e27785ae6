// Node half of the golden test: the committed wasm + weights reproduce
// test/fixtures/scorer-golden.json bit for bit (src/score/scorer-golden.test.ts
// checks the same file inside workerd).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { computeGolden, GOLDEN_PATH } from "../../tools/build/gen-scorer-golden.ts";

it("scores and features match the golden file exactly (regenerate: node tools/build/gen-scorer-golden.ts)", () => {
  const golden = JSON.parse(readFileSync(GOLDEN_PATH, "utf8"));
  expect(computeGolden()).toEqual(golden);
  expect(golden.length).toBeGreaterThan(10);
});
