import { describe, expect, it } from "vitest";
import { oraclePoint, routerCostCurve, savingAt, singleModelPoint, type PricedPrompt } from "./cost-quality.ts";

const p = (wq: number, sq: number): PricedPrompt => ({ cost: { w: 1, s: 10 }, outcome: { w: wq, s: sq } });
// Four prompts; the strong model helps on the first two only.
const prompts = [p(0, 1), p(0, 1), p(1, 1), p(1, 0)];

describe("cost-quality curves", () => {
  it("single models and the oracle, by hand", () => {
    expect(singleModelPoint(prompts, "w")).toMatchObject({ cost: 1, quality: 0.5 });
    expect(singleModelPoint(prompts, "s")).toMatchObject({ cost: 10, quality: 0.75 });
    // Oracle: strong on the first two, weak (cheaper, as good or better) on the rest.
    expect(oraclePoint(prompts, ["w", "s"])).toMatchObject({ cost: (10 + 10 + 1 + 1) / 4, quality: 1 });
  });

  it("a perfect score gives the oracle's point at 50% strong share", () => {
    const curve = routerCostCurve(prompts, [4, 3, 2, 1], "w", "s", 4);
    expect(curve.map((c) => c.strongShare)).toEqual([0, 0.25, 0.5, 0.75, 1]);
    expect(curve.map((c) => c.quality)).toEqual([0.5, 0.75, 1, 1, 0.75]);
    expect(curve[2]!.cost).toBe(5.5);
  });

  it("saving at a quality target: the cheapest point reaching it, NaN when none does", () => {
    const curve = routerCostCurve(prompts, [4, 3, 2, 1], "w", "s", 4);
    const best = singleModelPoint(prompts, "s");
    expect(savingAt(curve, best, 0).saving).toBeCloseTo(1 - 3.25 / 10, 12); // 0.75 reached at 25% strong
    const worst = routerCostCurve(prompts, [1, 2, 3, 4], "w", "s", 4);
    expect(savingAt(worst.slice(0, 2), best, 0).saving).toBeNaN();
  });
});
