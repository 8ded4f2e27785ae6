import { describe, expect, it } from "vitest";
import { choleskySolve, fitRidge, predict } from "./ridge.ts";
import { fitSparseRidge, predictSparse } from "./sparse-ridge.ts";

describe("ridge regression", () => {
  it("Cholesky solves a small SPD system", () => {
    const z = choleskySolve(Float64Array.from([4, 2, 2, 3]), Float64Array.from([2, 1]), 2);
    expect(z[0]).toBeCloseTo(0.5, 12);
    expect(z[1]).toBeCloseTo(0, 12);
  });

  it("recovers a noiseless linear model (tiny penalty); the standardisation is folded back", () => {
    const n = 200;
    const d = 3;
    const x = new Float64Array(n * d);
    const y: number[] = [];
    for (let i = 0; i < n; i++) {
      const a = Math.sin(i);
      const b = (i % 7) * 10;
      const c = Math.cos(i * 0.3) + 5;
      x.set([a, b, c], i * d);
      y.push(1 + 2 * a - 0.05 * b + 3 * c);
    }
    const m = fitRidge({ x, d, y, w: y.map(() => 1) }, 1e-9);
    expect(m.bias).toBeCloseTo(1, 5);
    expect(m.weights[0]).toBeCloseTo(2, 5);
    expect(m.weights[1]).toBeCloseTo(-0.05, 6);
    expect(m.weights[2]).toBeCloseTo(3, 5);
    expect(predict(m, [0.5, 20, 5])).toBeCloseTo(1 + 1 - 1 + 15, 5);
  });

  it("a constant feature gets no weight; a heavier penalty shrinks towards the mean", () => {
    const x = Float64Array.from([1, 7, 2, 7, 3, 7, 4, 7]);
    const y = [1, 2, 3, 4];
    const loose = fitRidge({ x, d: 2, y, w: [1, 1, 1, 1] }, 1e-9);
    const tight = fitRidge({ x, d: 2, y, w: [1, 1, 1, 1] }, 1e6);
    expect(loose.weights[1]).toBeCloseTo(0, 9);
    expect(Math.abs(tight.weights[0]!)).toBeLessThan(1e-3);
    expect(predict(tight, [1, 7])).toBeCloseTo(2.5, 2);
  });

  it("row weights count: a row of weight 3 pulls like three copies", () => {
    const x = Float64Array.from([0, 1, 2]);
    const weighted = fitRidge({ x, d: 1, y: [0, 1, 5], w: [1, 1, 3] }, 1e-9);
    const copied = fitRidge(
      { x: Float64Array.from([0, 1, 2, 2, 2]), d: 1, y: [0, 1, 5, 5, 5], w: [1, 1, 1, 1, 1] },
      1e-9,
    );
    expect(weighted.weights[0]).toBeCloseTo(copied.weights[0]!, 6);
    expect(weighted.bias).toBeCloseTo(copied.bias, 6);
  });

  it("the sparse solver satisfies its normal equations (X'WX + alpha I) beta = X'W(y - mean)", () => {
    const rows = [
      { index: [0, 2], value: [1, 0.5] },
      { index: [1], value: [2] },
      { index: [0, 1, 2], value: [0.3, 0.3, 0.3] },
      { index: [2], value: [1] },
    ];
    const y = [1, 2, 0.5, -1];
    const w = [1, 2, 1, 1];
    const alpha = 0.1;
    const m = fitSparseRidge(rows, y, w, 3, alpha, 100);
    const mean = (1 * 1 + 2 * 2 + 0.5 + -1) / 5;
    expect(m.intercept).toBeCloseTo(mean, 12);
    // Weights are normalised to mean 1 inside the solver.
    const wn = w.map((x) => (x * 4) / 5);
    for (let j = 0; j < 3; j++) {
      let lhs = alpha * m.beta[j]!;
      let rhs = 0;
      rows.forEach((r, i) => {
        const k = r.index.indexOf(j);
        if (k < 0) return;
        const xb = r.index.reduce((s, c, q) => s + m.beta[c]! * r.value[q]!, 0);
        lhs += wn[i]! * r.value[k]! * xb;
        rhs += wn[i]! * r.value[k]! * (y[i]! - mean);
      });
      expect(lhs).toBeCloseTo(rhs, 9);
    }
    expect(predictSparse(m, rows[1]!)).toBeCloseTo(mean + 2 * m.beta[1]!, 12);
  });
});
