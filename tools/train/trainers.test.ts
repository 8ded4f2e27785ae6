// The fitting code on synthetic data with a known answer.
import { describe, expect, it } from "vitest";
import { seededRandom } from "../eval/bootstrap.ts";
import type { Row } from "./dataset.ts";
import { lbfgs } from "./lbfgs.ts";
import { fitSparseLogistic, predictRow, sigmoid } from "./sparse-logistic.ts";
import { softmaxProbs, trainSoftmax } from "./softmax.ts";

function rows(n: number, seed: number): Row[] {
  const rng = seededRandom(seed);
  return Array.from({ length: n }, (_, i) => {
    const dense = Float32Array.from([rng() * 4, rng()]);
    const bucket = i % 3; // bucket 0 raises the odds, bucket 2 lowers them
    const z = -1 + 0.8 * dense[0]! + (bucket === 0 ? 1.5 : bucket === 2 ? -1.5 : 0);
    return {
      id: String(i),
      set: "s",
      dense,
      idx: Uint32Array.of(bucket),
      val: Float32Array.of(1),
      y: rng() < sigmoid(z) ? 1 : 0,
      w: 1,
    };
  });
}

describe("lbfgs", () => {
  it("minimises a badly scaled quadratic", () => {
    const x = lbfgs((t, g) => {
      g[0] = 2 * (t[0]! - 3);
      g[1] = 200 * (t[1]! + 1);
      return (t[0]! - 3) ** 2 + 100 * (t[1]! + 1) ** 2;
    }, new Float64Array(2));
    expect(x[0]).toBeCloseTo(3, 5);
    expect(x[1]).toBeCloseTo(-1, 5);
  });
});

describe("fitSparseLogistic", () => {
  it("recovers dense and bucket effects on the raw scale, deterministically", () => {
    const data = rows(20_000, 7);
    const model = fitSparseLogistic(data, { l2Dense: 1e-6, l2Sparse: 1e-6, buckets: 4 });
    expect(model.dense[0]).toBeCloseTo(0.8, 1);
    expect(Math.abs(model.dense[1]!)).toBeLessThan(0.15); // no effect generated
    expect(model.sparse[0]! - model.sparse[1]!).toBeCloseTo(1.5, 0);
    expect(model.sparse[2]! - model.sparse[1]!).toBeCloseTo(-1.5, 0);
    expect(model.sparse[3]).toBe(0); // never seen: stays at zero
    expect(fitSparseLogistic(data, { l2Dense: 1e-6, l2Sparse: 1e-6, buckets: 4 })).toEqual(model);
  });

  it("clips dense inputs to the training range", () => {
    const model = fitSparseLogistic(rows(2000, 3), { l2Dense: 1e-3, l2Sparse: 1e-3, buckets: 4 });
    const at = (x: number) =>
      predictRow(model, { dense: Float32Array.of(x, 0.5), idx: new Uint32Array(), val: new Float32Array() });
    expect(at(1e9)).toBe(at(model.clip[0]!));
  });
});

describe("trainSoftmax", () => {
  it("learns separable classes from their buckets", () => {
    const rng = seededRandom(5);
    const data = Array.from({ length: 600 }, (_, i) => {
      const label = i % 3;
      // Each class has its own bucket plus a shared noisy one.
      return {
        dense: Float32Array.of(rng()),
        idx: Uint32Array.of(label, 3),
        val: Float32Array.of(0.9, 0.4),
        w: 1,
        label,
      };
    });
    const model = trainSoftmax(data, { classes: 3, buckets: 4, epochs: 5, lr: 0.05, seed: 1 });
    const right = data.filter((r) => {
      const p = softmaxProbs(model, r);
      return p.indexOf(Math.max(...p)) === r.label;
    }).length;
    expect(right / data.length).toBe(1);
    expect(trainSoftmax(data, { classes: 3, buckets: 4, epochs: 5, lr: 0.05, seed: 1 }).w).toEqual(model.w);
  });
});
