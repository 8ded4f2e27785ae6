// The gated mixture: exporting it (standardisation folded, expert columns appended)
// keeps its function, and the wasm computes the committed one.
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { GOLDEN_INPUTS } from "../../test/fixtures/scorer-golden-prompts.ts";
import { seededRandom } from "../eval/bootstrap.ts";
import { loadScorer, readWeightBytes, readWeights } from "../scorer/node-scorer.ts";
import { exportMixture, mixtureForward, type ExportedMixture } from "./export-mixture.ts";
import { mixtureScore, trainMixture, type GroupedRow } from "./mixture.ts";

function groupedRows(n: number): GroupedRow[] {
  const rng = seededRandom(11);
  return Array.from({ length: n }, (_, i) => {
    const group = i % 3;
    const dense = Float32Array.of(rng() * 5 + group, rng());
    const idx = Uint32Array.of(group, 3 + (i % 2));
    const val = Float32Array.of(0.8, 0.6);
    const y = group === 2 ? (dense[1]! > 0.5 ? 0.9 : 0.2) : 0.3 + 0.2 * group;
    return { id: String(i), set: "s", dense, idx, val, y, w: 1, group };
  });
}

describe("mixture export", () => {
  it("the exported form scores exactly as the trained model (folded standardisation, appended experts)", () => {
    const data = groupedRows(900);
    const model = trainMixture(data, {
      groups: ["a", "b", "c"],
      experts: [{ linear: false }, { linear: false, shrink: 10 }, { linear: true }],
      buckets: 8,
      gate: { epochs: 3, lr: 0.05, seed: 1 },
      expert: { l2Dense: 1e-3, l2Sparse: 1e-3 },
    });
    const clip = [100, 100];
    const exported = exportMixture(model, clip, 4);
    expect(exported.columns).toBe(4); // 3 gate columns + 1 linear expert
    expect(exported.experts.map((e) => e.column)).toEqual([-1, -1, 3]);
    for (const row of data.slice(0, 50)) expect(mixtureForward(exported, row)).toBeCloseTo(mixtureScore(model, row), 5);
    // The experts learned something: group c's expert follows dense[1].
    const c = (x: number) =>
      mixtureForward(exported, { dense: Float32Array.of(7, x), idx: Uint32Array.of(2), val: Float32Array.of(0.8) });
    expect(c(0.9)).toBeGreaterThan(c(0.1) + 0.2);
  });
});

/** The committed scorer model in exported form. */
function committed(): ExportedMixture {
  const m = readWeights();
  return {
    features: m.features.length,
    buckets: m.ngrams.buckets,
    groups: [...m.groups],
    columns: m.columns,
    bias: [...m.bias],
    weights: new Float32Array(Uint8Array.from(readWeightBytes()).buffer),
    experts: m.experts.map((e) => ({ ...e })),
    clip: [...m.clip],
  };
}

describe("the wasm scores the committed mixture", () => {
  const model = committed();
  const scorer = loadScorer();
  const check = (input: { primary: string; context: string; flags: number }) => {
    const out = scorer.score(input);
    const want = mixtureForward(model, { dense: out.features, idx: out.ngrams.index, val: out.ngrams.value });
    expect(Math.abs(out.score - want)).toBeLessThan(1e-5); // float32 sums in the wasm
  };

  it("on the golden prompts", () => {
    for (const { input } of GOLDEN_INPUTS) check(input);
  });

  it("on random text", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme", maxLength: 400 }), (text) =>
        check({ primary: text, context: "", flags: 0 }),
      ),
      { numRuns: 300, seed: 9 },
    );
  });

  it("the score moves with the gate: a subject's wording changes it", () => {
    const law = scorer.score({
      primary: "Which of the following is the best defense to a tort claim of negligence under the statute?",
      context: "",
      flags: 0,
    }).score;
    const hi = scorer.score({ primary: "hi", context: "", flags: 0 }).score;
    expect(law).not.toBeCloseTo(hi, 3);
  });
});
