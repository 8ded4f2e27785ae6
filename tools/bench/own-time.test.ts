import { describe, expect, it } from "vitest";
import { ownTime, requestsPerCore } from "./own-time.ts";

describe("own time over the workerd proxy", () => {
  it("is the median over rounds of the per-round median differences, with the pooled p99 difference", () => {
    const proxy = { roundMediansMs: [0.5, 0.6, 0.55], latency: { p99: 2 } };
    const triage = { roundMediansMs: [0.7, 0.9, 0.65], latency: { p99: 3.5 } };
    const own = ownTime(triage, proxy);
    expect(own.roundDiffsMs.map((d) => Number(d.toFixed(6)))).toEqual([0.2, 0.3, 0.1]);
    expect(own.medianMs).toBeCloseTo(0.2, 10);
    expect(own.p99Ms).toBe(1.5);
  });

  it("refuses results from different rounds", () => {
    expect(() =>
      ownTime({ roundMediansMs: [1, 2], latency: { p99: 1 } }, { roundMediansMs: [1], latency: { p99: 1 } }),
    ).toThrow(/same rounds/);
  });

  it("turns CPU per request into requests per second per core", () => {
    expect(requestsPerCore(0.5)).toBe(2000);
    expect(requestsPerCore(0.8)).toBe(1250);
  });
});
