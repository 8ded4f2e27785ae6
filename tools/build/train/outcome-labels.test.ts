import { describe, expect, it } from "vitest";
import type { DataRow } from "../../lib/eval/data.ts";
import { gradeLabels, modelAbilities, needLabels, rowNeed, standardise } from "./outcome-labels.ts";

const row = (id: string, outcomes: Record<string, number>, split: "train" | "test" = "train"): DataRow => ({
  id,
  set: "s",
  category: null,
  prompt: id,
  split,
  outcomes,
  meta: {},
});

describe("need labels from many models' outcomes", () => {
  it("abilities are the models' mean outcomes; a model rated on under half the rows is left out", () => {
    const a = modelAbilities([row("1", { s: 1, w: 0, rare: 1 }), row("2", { s: 1, w: 1 }), row("3", { s: 0, w: 0 })]);
    expect(a.get("s")).toBeCloseTo(2 / 3);
    expect(a.get("w")).toBeCloseTo(1 / 3);
    expect(a.has("rare")).toBe(false);
  });

  it("difficulty: how far below their usual level the models fall; slope: how much ability helps", () => {
    const abilities = new Map([
      ["s", 0.8],
      ["m", 0.5],
      ["w", 0.2],
    ]);
    // Only the strong model solves it: harder than usual for the others, and ability pays.
    const hard = rowNeed({ s: 1, m: 0, w: 0 }, abilities)!;
    // Everyone solves it: easier than usual, ability buys nothing.
    const easy = rowNeed({ s: 1, m: 1, w: 1 }, abilities)!;
    expect(hard.difficulty).toBeGreaterThan(easy.difficulty);
    expect(easy.slope).toBe(0);
    expect(hard.slope).toBeGreaterThan(0);
    // Two models: the slope is the gain over the ability gap.
    expect(rowNeed({ s: 1, w: 0 }, abilities)!.slope).toBeCloseTo(1 / 0.6);
    expect(rowNeed({ s: 1 }, abilities)).toBeUndefined();
  });

  it("labels are z-scores fitted on train rows only: a set's base rate is not learnable", () => {
    const rows = [
      row("a", { s: 1, w: 0 }),
      row("b", { s: 1, w: 1 }),
      row("c", { s: 0, w: 0 }),
      row("d", { s: 1, w: 1 }),
      row("t", { s: 1, w: 0 }, "test"),
    ];
    const labels = needLabels(rows, 2);
    const train = ["a", "b", "c", "d"].map((id) => labels.get(id)!);
    expect(train.reduce((x, y) => x + y, 0)).toBeCloseTo(0, 12);
    expect(labels.get("a")).toBe(Math.max(...train)); // only the strong model: the most need
    expect(labels.get("t")).toBeCloseTo(labels.get("a")!, 12); // a test row gets the train rows' scale
    // Shifting every outcome of the set (an easier judge) changes no label.
    const shifted = needLabels(
      rows.map((r) => ({
        ...r,
        outcomes: Object.fromEntries(Object.entries(r.outcomes).map(([m, q]) => [m, q * 0.5 + 0.25])),
      })),
      2,
    );
    for (const [id, y] of labels) expect(shifted.get(id)).toBeCloseTo(y, 12);
  });

  it("grades (MATH levels) become within-set z-scores; rows without a grade get none", () => {
    const rows = [1, 2, 3, 4, 5].map((level) => ({ ...row(`m${level}`, {}), meta: { level } }));
    const labels = gradeLabels([...rows, row("none", {})], (r) => r.meta.level as number | undefined);
    expect(labels.size).toBe(5);
    expect(labels.get("m3")).toBeCloseTo(0, 12);
    expect(labels.get("m5")! > labels.get("m4")!).toBe(true);
  });

  it("standardise: sd 0 gives zeros, not NaN", () => {
    expect(standardise([2, 2, 2], [true, true, true])).toEqual([0, 0, 0]);
  });
});
