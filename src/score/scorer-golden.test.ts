// workerd half of the golden test: the same wasm, run by the Worker's own host,
// must give exactly the numbers Node computed (test/fixtures/scorer-golden.json).
import { expect, it } from "vitest";
import golden from "../../test/fixtures/scorer-golden.json";
import { GOLDEN_INPUTS } from "../../test/fixtures/scorer-golden-prompts";
import { getScorer } from "./default-scorer";

it("is bit-identical to the Node golden file", () => {
  const scorer = getScorer();
  const actual = GOLDEN_INPUTS.map(({ name, input }) => {
    const out = scorer.score(input);
    return {
      name,
      score: out.score,
      tokens: out.tokens,
      features: Array.from(out.features),
      ngrams: { index: Array.from(out.ngrams.index), value: Array.from(out.ngrams.value) },
    };
  });
  expect(actual).toEqual(golden);
});
