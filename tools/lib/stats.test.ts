import { describe, expect, it } from "vitest";
import { summarize, summarizeRounds } from "./stats.ts";

/** 1..n, shuffled deterministically (the summaries sort). */
const ramp = (n: number, offset = 0) => Float64Array.from({ length: n }, (_, i) => ((i * 7919) % n) + 1 + offset);

describe("summarizeRounds", () => {
  it("takes each percentile as the median of the rounds' percentiles", () => {
    const rounds = [ramp(100), ramp(100, 10), ramp(100, 1000)];
    const s = summarizeRounds(rounds);
    expect(s.rounds).toBe(3);
    expect(s.p99ByRound).toEqual([99, 109, 1099]);
    expect(s.p99).toBe(109);
    expect(s.p50).toBe(60);
  });

  it("keeps one noisy round from setting the tail, and reports the pooled samples too", () => {
    const quiet = ramp(1000);
    const noisy = ramp(1000).map((v) => (v > 900 ? v * 100 : v));
    const s = summarizeRounds([quiet, quiet, noisy]);
    expect(s.p99).toBe(summarize(quiet).p99);
    expect(s.pooled.p99).toBeGreaterThan(s.p99);
    expect(s.max).toBe(100_000);
    expect(s.n).toBe(3000);
    expect(s.mean).toBeCloseTo(s.pooled.mean);
  });

  it("equals the plain summary for one round", () => {
    const one = ramp(500);
    const s = summarizeRounds([one]);
    expect({ n: s.n, p50: s.p50, p90: s.p90, p99: s.p99, p999: s.p999, max: s.max, mean: s.mean }).toEqual(
      summarize(one),
    );
  });
});
