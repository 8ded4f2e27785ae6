import { describe, expect, it } from "vitest";
import { oracleScores, RANDOM_EXPECTED, randomScores } from "./baselines.ts";
import { percentileInterval, quantile, seededRandom } from "../../lib/eval/bootstrap.ts";
import { compareRouters } from "./compare.ts";
import { decileThresholds, routingCurve, twoModelMetrics, type PairOutcome } from "../../lib/eval/two-model.ts";

// Ten prompts: the strong model always right; the weak one right on prompts 0-4 only.
// q_S = 1, q_W = 0.5, and the gain is on prompts 5-9.
const outcomes: PairOutcome[] = Array.from({ length: 10 }, (_, i) => ({ strong: 1, weak: i < 5 ? 1 : 0 }));
const ascending = Array.from({ length: 10 }, (_, i) => i);
const descending = ascending.map((i) => -i);

describe("two-model protocol (hand-computed)", () => {
  it("places thresholds at the deciles", () => {
    expect(decileThresholds(ascending)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
  });

  it("a perfect ranking: PGR climbs 0.2 per decile to 1 at share 0.5, APGR 0.75", () => {
    const curve = routingCurve(ascending, outcomes);
    expect(curve.map((p) => p.strongShare)).toEqual([0, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1]);
    expect(curve.map((p) => Number(p.pgr.toFixed(12)))).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1, 1, 1, 1, 1, 1]);
    const m = twoModelMetrics(ascending, outcomes);
    expect(m.apgr).toBeCloseTo(0.75, 12);
    expect(m.cpt50).toBeCloseTo(0.25, 12); // between (0.2, 0.4) and (0.3, 0.6)
    expect(m.cpt80).toBeCloseTo(0.4, 12); // reached exactly at (0.4, 0.8)
    expect(m.qualityWeak).toBe(0.5);
    expect(m.qualityStrong).toBe(1);
  });

  it("the reversed ranking: flat to share 0.5, then linear; APGR 0.25", () => {
    const m = twoModelMetrics(descending, outcomes);
    expect(m.apgr).toBeCloseTo(0.25, 12);
    expect(m.cpt50).toBeCloseTo(0.75, 12);
    expect(m.cpt80).toBeCloseTo(0.9, 12);
  });

  it("constant scores collapse to all-weak and all-strong: APGR 0.5", () => {
    const curve = routingCurve(new Array(10).fill(3), outcomes);
    expect(curve.map((p) => p.strongShare)).toEqual([0, 1]);
    expect(twoModelMetrics(new Array(10).fill(3), outcomes).apgr).toBeCloseTo(0.5, 12);
  });

  it("the oracle recovers more than the gap when the weak model sometimes wins", () => {
    const mixed: PairOutcome[] = [
      { strong: 1, weak: 0 },
      { strong: 0, weak: 1 },
      { strong: 1, weak: 1 },
      { strong: 1, weak: 0 },
    ];
    // q_S = 0.75, q_W = 0.5: routing only the two gains gives quality 1, PGR 2.
    const curve = routingCurve(oracleScores(mixed), mixed);
    expect(Math.max(...curve.map((p) => p.pgr))).toBeCloseTo(2, 12);
  });

  it("random routers average APGR 0.5 (the analytic expectation)", () => {
    const rng = seededRandom(7);
    const many = Array.from({ length: 200 }, (_, i) => ({ strong: i % 3 === 0 ? 1 : 0.5, weak: i % 5 === 0 ? 1 : 0 }));
    let sum = 0;
    const runs = 400;
    for (let r = 0; r < runs; r++) sum += twoModelMetrics(randomScores(many.length, rng), many).apgr;
    expect(sum / runs).toBeCloseTo(RANDOM_EXPECTED.apgr, 1);
  });
});

describe("bootstrap", () => {
  it("is deterministic per seed and in [0, 1)", () => {
    const a = seededRandom(42);
    const b = seededRandom(42);
    const xs = Array.from({ length: 1000 }, () => a());
    expect(xs).toEqual(Array.from({ length: 1000 }, () => b()));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
  });

  it("quantiles interpolate linearly", () => {
    expect(quantile([4, 1, 3, 2], 0.5)).toBe(2.5);
    expect(quantile([4, 1, 3, 2], 0)).toBe(1);
    expect(percentileInterval([1, 2, 3, 4, 5])).toEqual({ low: 1.1, high: 4.9 });
  });

  it("pairs routers on the same resamples", () => {
    const routers = new Map<string, number[]>([
      ["good", ascending],
      ["bad", descending],
    ]);
    const reports = compareRouters(routers, outcomes, { resamples: 200, seed: 1, reference: "bad" });
    const good = reports.find((r) => r.name === "good")!;
    expect(good.metrics.apgr).toBeCloseTo(0.75, 12);
    expect(good.apgrDeltaVsReference!.delta).toBeCloseTo(0.5, 12);
    expect(good.apgrDeltaVsReference!.interval.low).toBeGreaterThan(0);
    expect(good.apgrInterval.low).toBeLessThanOrEqual(0.75);
    expect(good.apgrInterval.high).toBeGreaterThanOrEqual(0.75);
    expect(compareRouters(routers, outcomes, { resamples: 200, seed: 1, reference: "bad" })).toEqual(reports);
  });
});

describe("reliability", () => {
  it("bins predictions and measures the gap to the observed rate", async () => {
    const { reliability } = await import("./calibration.ts");
    // Two bins: p=0.05 x4 with one positive (rate 0.25); p=0.95 x4 with all positive.
    const c = reliability([0.05, 0.05, 0.05, 0.05, 0.95, 0.95, 0.95, 0.95], [1, 0, 0, 0, 1, 1, 1, 1]);
    expect(c.bins.map((b) => [b.low, b.count])).toEqual([
      [0, 4],
      [0.9, 4],
    ]);
    expect(c.bins[0]!.observedRate).toBe(0.25);
    expect(c.ece).toBeCloseTo(0.5 * 0.2 + 0.5 * 0.05, 12);
    expect(c.brier).toBeCloseTo((0.95 ** 2 + 3 * 0.05 ** 2 + 4 * 0.05 ** 2) / 8, 12);
  });
});
