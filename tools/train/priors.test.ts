// Prompt-only groups: their expert is a stated prior (priors.ts), the gate's loss can balance prompt
// families (recipe.ts), and the mixture uses a prior as a fixed constant (mixture.ts).
import { describe, expect, it } from "vitest";
import { seededRandom } from "../eval/bootstrap.ts";
import { trainMixture, type GroupedRow } from "./mixture.ts";
import { PRIOR_GROUPS, priorGroupOf, resolvePriors } from "./priors.ts";
import { balancedGateWeights, familyOf } from "./recipe.ts";

describe("priors of the prompt-only groups", () => {
  it("are win rates on the label's scale, (1 + q_strong - q_weak) / 2, for the cited quality pairs", () => {
    for (const g of PRIOR_GROUPS) {
      if (g.q === null) continue;
      expect(g.prior).toBeCloseTo((1 + g.q.strong - g.q.weak) / 2, 4);
      expect(g.q.strong).toBeGreaterThan(g.q.weak); // the strong model is better on every cited benchmark
    }
    // Arena-Hard-Auto v0.1: 78.0 vs 23.4.
    expect(PRIOR_GROUPS.find((g) => g.group === "arena-hard")!.prior).toBeCloseTo(0.773, 4);
  });

  it("map each prompt-only set's rows to a group, and refuse other sets", () => {
    const row = (category: string | null, meta: Record<string, unknown> = {}) => ({ category, meta });
    expect(priorGroupOf("arena-hard-v0.1", row(null))).toBe("arena-hard");
    expect(priorGroupOf("arena-hard-v2.0", row("creative_writing"))).toBe("creative-writing");
    expect(priorGroupOf("arena-hard-v2.0", row("hard_prompt"))).toBe("arena-hard");
    expect(priorGroupOf("math500", row(null, { level: 2 }))).toBe("math-l1-2");
    expect(priorGroupOf("math500", row(null, { level: 5 }))).toBe("math-l3-5");
    expect(priorGroupOf("humaneval", row(null))).toBe("humaneval");
    expect(() => priorGroupOf("routellm-mmlu", row(null))).toThrow(/not a prompt-only/);
  });

  it("derive a prior from an outcome set's own rows (copies and rows without outcome left out)", () => {
    const rows = [
      { set: "routellm-gsm8k", y: 0.6 },
      { set: "routellm-gsm8k", y: 0.8 },
      { set: "routellm-gsm8k", y: 0.0, derivedFrom: "x" },
      { set: "routellm-gsm8k", y: undefined },
      { set: "routellm-mmlu", y: 0.1 },
    ];
    expect(resolvePriors(rows, ["math-l1-2", "arena-hard"])).toEqual({ "math-l1-2": 0.7, "arena-hard": 0.773 });
    expect(() => resolvePriors([], ["math-l1-2"])).toThrow(/no outcome rows/);
  });
});

describe("gate balance between prompt families", () => {
  const rows = [
    ...Array.from({ length: 90 }, (_, i) => ({ group: `mmlu:s${i % 3}`, w: 1 })),
    ...Array.from({ length: 10 }, () => ({ group: "arena-hard", w: 1 })),
  ];
  const total = (w: number[], family: string) =>
    rows.reduce((sum, r, i) => sum + (familyOf(r.group) === family ? w[i]! : 0), 0);

  it("balance 0 gives every family the same total weight, and keeps the overall total", () => {
    const w = balancedGateWeights(rows, 0);
    expect(total(w, "mmlu")).toBeCloseTo(total(w, "arena-hard"), 9);
    expect(w.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 9);
  });

  it("balance 1 leaves the weights as sampled", () => {
    expect(balancedGateWeights(rows, 1)).toEqual(rows.map(() => 1));
  });
});

describe("a mixture expert with a prior", () => {
  it("is that constant, whatever the rows of its group say", () => {
    const rng = seededRandom(3);
    const rows: GroupedRow[] = Array.from({ length: 300 }, (_, i) => ({
      id: String(i),
      set: "s",
      dense: Float32Array.of(rng() + (i % 2) * 3),
      idx: Uint32Array.of(i % 2),
      val: Float32Array.of(1),
      y: i % 2 === 0 ? 0.3 : Number.NaN, // group 1 has no outcomes
      w: 1,
      group: i % 2,
    }));
    const model = trainMixture(rows, {
      groups: ["outcomes", "prompt-only"],
      experts: [{ linear: false }, { linear: false, prior: 0.8 }],
      buckets: 4,
      gate: { epochs: 2, lr: 0.05, seed: 1 },
      expert: { l2Dense: 1e-3, l2Sparse: 1e-3 },
      expertRows: (r) => Number.isFinite(r.y),
    });
    expect(model.experts[1]).toMatchObject({ kind: "constant" });
    expect(1 / (1 + Math.exp(-(model.experts[1] as { logit: number }).logit))).toBeCloseTo(0.8, 9);
    expect(() =>
      trainMixture(rows, {
        groups: ["outcomes", "prompt-only"],
        experts: [{ linear: false }, { linear: false, prior: 1.2 }],
        buckets: 4,
        gate: { epochs: 1, lr: 0.05, seed: 1 },
        expert: { l2Dense: 1e-3, l2Sparse: 1e-3 },
      }),
    ).toThrow(/prior/);
  });
});
