import { describe, expect, it } from "vitest";
import { fitLogistic, fitScoreOnly, logLoss, sigmoid, solveSpd } from "./logistic.ts";
import { rng } from "../../../test/support/tenant-simulator.ts";

describe("logistic fit", () => {
  it("solves a positive definite system", () => {
    const a = Float64Array.of(4, 2, 2, 3);
    const x = solveSpd(a, Float64Array.of(2, 1), 2);
    expect(4 * x[0]! + 2 * x[1]!).toBeCloseTo(2, 10);
    expect(2 * x[0]! + 3 * x[1]!).toBeCloseTo(1, 10);
  });

  it("recovers known coefficients from seeded data, and a ridge shrinks them", () => {
    const random = rng(4);
    const n = 20_000;
    const x = new Float64Array(n * 2);
    const y = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      x[i * 2] = random() * 4 - 2;
      x[i * 2 + 1] = random() * 4 - 2;
      y[i] = random() < sigmoid(0.5 + 1.5 * x[i * 2]! - 1 * x[i * 2 + 1]!) ? 1 : 0;
    }
    const problem = { x, d: 2, y, w: new Float64Array(n).fill(1), l2: new Float64Array(2) };
    const fit = fitLogistic(problem);
    expect(fit.converged).toBe(true);
    expect(fit.intercept).toBeCloseTo(0.5, 1);
    expect(fit.coef[0]).toBeCloseTo(1.5, 1);
    expect(fit.coef[1]).toBeCloseTo(-1, 1);
    const shrunk = fitLogistic({ ...problem, l2: Float64Array.of(1, 1) });
    expect(Math.abs(shrunk.coef[0]!)).toBeLessThan(Math.abs(fit.coef[0]!));
    expect(logLoss(fit, problem)).toBeLessThan(logLoss(shrunk, problem));
  });

  it("fits a steep curve over a narrow score range (the score is standardised first)", () => {
    const random = rng(9);
    const scores = new Float64Array(5_000);
    const labels = new Float64Array(5_000);
    for (let i = 0; i < scores.length; i++) {
      scores[i] = 0.55 + 0.04 * random();
      labels[i] = random() < sigmoid(80 * (scores[i]! - 0.57)) ? 1 : 0;
    }
    const curve = fitScoreOnly(scores, labels);
    expect(curve(0.555)).toBeLessThan(0.35);
    expect(curve(0.57)).toBeCloseTo(0.5, 1);
    expect(curve(0.585)).toBeGreaterThan(0.65);
  });
});
