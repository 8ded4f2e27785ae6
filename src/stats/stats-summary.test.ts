import { describe, expect, it } from "vitest";
import { summarize } from "./stats-summary.ts";
import type { StatsRow } from "./stats-types.ts";

const row = (day: string, model: string, tier: string, requests: number, cost: number, baseline: number): StatsRow => ({
  day,
  model,
  provider: model.split("/")[0]!,
  tier,
  requests,
  withUsage: requests,
  inputTokens: 100 * requests,
  outputTokens: 10 * requests,
  cachedInputTokens: 0,
  costUsd: cost,
  baselineCostUsd: baseline,
});

describe("summarize", () => {
  it("totals spend and savings, and breaks them down by tier, model and day", () => {
    const rows = [
      row("2026-11-26", "openai/a", "simple", 3, 0.01, 0.1),
      row("2026-11-27", "openai/a", "simple", 1, 0.01, 0.1),
      row("2026-11-27", "openai/b", "complex", 1, 0.2, 0.2),
    ];
    const out = summarize(rows, { since: "2026-11-26", until: "2026-11-27" }, "openai/b");
    expect(out.totals).toMatchObject({
      requests: 5,
      cost_usd: 0.22,
      baseline_cost_usd: 0.4,
      savings_usd: 0.18,
      savings_ratio: 0.45,
    });
    expect(out.tier_mix).toEqual({ complex: 0.2, simple: 0.8 });
    expect(out.by_model["openai/a"]!.requests).toBe(4);
    expect(out.by_day["2026-11-27"]!.cost_usd).toBeCloseTo(0.21, 10);
    expect(out.baseline_model).toBe("openai/b");
  });

  it("has no savings ratio without spend", () => {
    expect(summarize([], { since: "a", until: "b" }, "x").totals.savings_ratio).toBeNull();
  });
});
