import { describe, expect, it } from "vitest";
import { seededRandom } from "../eval/bootstrap.ts";
import { fitLogistic, predict, sigmoid, type Example } from "./logistic.ts";

function synthetic(n: number): Example[] {
  const rng = seededRandom(3);
  return Array.from({ length: n }, () => {
    const x = Float64Array.from([rng() * 10, rng() * 0.1, 0]);
    const p = sigmoid(-2 + 0.5 * x[0]! - 10 * x[1]!);
    return { x, y: rng() < p ? 1 : 0, w: 1 };
  });
}

describe("fitLogistic", () => {
  it("recovers the generating coefficients on the raw scale (standardisation folded)", () => {
    const model = fitLogistic(synthetic(20_000), { l2: 1e-6 });
    expect(model.weights[0]).toBeCloseTo(0.5, 1);
    expect(model.weights[1]).toBeGreaterThan(-16);
    expect(model.weights[1]).toBeLessThan(-5);
    expect(model.bias).toBeCloseTo(-2, 0);
    expect(model.weights[2]).toBe(0); // constant feature: no support, weight 0
  });

  it("is deterministic and clips inputs to the training range", () => {
    const data = synthetic(2000);
    const a = fitLogistic(data, { l2: 1e-2 });
    expect(fitLogistic(data, { l2: 1e-2 })).toEqual(a);
    expect(a.clip[0]).toBeLessThanOrEqual(10);
    expect(predict(a, [1e9, 0, 0])).toBe(predict(a, [a.clip[0]!, 0, 0]));
  });

  it("drops features with too little support", () => {
    const data = synthetic(1000);
    data.forEach((e, i) => (e.x[2] = i < 5 ? 1 : 0));
    expect(fitLogistic(data, { l2: 1e-2, minSupport: 30 }).weights[2]).toBe(0);
  });
});
