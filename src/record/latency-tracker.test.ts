import { describe, expect, it } from "vitest";
import { EWMA_ALPHA, LatencyTracker } from "./latency-tracker.ts";

const prior = { ttftMs: 1000, tokensPerSecond: 50 };

describe("LatencyTracker", () => {
  it("starts from the catalog prior and moves by EWMA_ALPHA per observation", () => {
    const tracker = new LatencyTracker();
    tracker.observe({ model: "m", prior, ttftMs: 200, generationMs: 1000, outputTokens: 100 });
    const estimate = tracker.estimates.get("m")!;
    expect(estimate.ttftMs).toBeCloseTo(1000 + EWMA_ALPHA * (200 - 1000), 9);
    expect(estimate.tokensPerSecond).toBeCloseTo(50 + EWMA_ALPHA * (100 - 50), 9);
  });

  it("converges on a steady observed latency", () => {
    const tracker = new LatencyTracker();
    for (let i = 0; i < 60; i++)
      tracker.observe({ model: "m", prior, ttftMs: 300, generationMs: 500, outputTokens: 200 });
    expect(tracker.estimates.get("m")!.ttftMs).toBeCloseTo(300, 0);
    expect(tracker.estimates.get("m")!.tokensPerSecond).toBeCloseTo(400, 0);
  });

  it("ignores speed on short answers and attributes unexplained non-stream time to TTFT", () => {
    const tracker = new LatencyTracker();
    tracker.observe({ model: "m", prior, totalMs: 3000, outputTokens: 100 }); // 100 tokens at 50 t/s = 2000 ms
    expect(tracker.estimates.get("m")).toEqual({ ttftMs: 1000, tokensPerSecond: 50 });
    tracker.observe({ model: "m", prior, ttftMs: 100, generationMs: 10, outputTokens: 3 });
    expect(tracker.estimates.get("m")!.tokensPerSecond).toBe(50);
  });
});
