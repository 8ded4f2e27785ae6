import { describe, expect, it } from "vitest";
import { resolvePrice } from "./resolve-price.ts";

describe("resolvePrice", () => {
  it("maps genai-prices keys to the catalog's fields", () => {
    const { pricing, notes } = resolvePrice(
      { input_mtok: 3, output_mtok: 15, cache_read_mtok: 0.3, cache_write_mtok: 3.75, web_searches_kcount: 10 },
      "2026-11-27",
    );
    expect(pricing).toEqual({ input: 3, output: 15, cachedInput: 0.3, cacheWrite: 3.75 });
    expect(notes).toEqual([]);
  });

  it("takes the base of tiered prices and keeps the first tier as long-context pricing", () => {
    const { pricing } = resolvePrice(
      {
        input_mtok: { base: 2, tiers: [{ start: 200000, price: 4 }] },
        cache_read_mtok: { base: 0.2, tiers: [{ start: 200000, price: 0.4 }] },
        output_mtok: { base: 12, tiers: [{ start: 200000, price: 18 }] },
      },
      "2026-11-27",
    );
    expect(pricing).toEqual({
      input: 2,
      output: 12,
      cachedInput: 0.2,
      longContext: { aboveInputTokens: 200000, input: 4, output: 18, cachedInput: 0.4 },
    });
  });

  it("applies the latest start date on or before the as-of date and notes later ones", () => {
    const prices = [
      { prices: { input_mtok: 10, output_mtok: 40 } },
      {
        constraint: { type: "start_date" as const, start_date: "2025-06-10" },
        prices: { input_mtok: 2, output_mtok: 8 },
      },
      {
        constraint: { type: "start_date" as const, start_date: "2027-01-01" },
        prices: { input_mtok: 3, output_mtok: 9 },
      },
    ];
    expect(resolvePrice(prices, "2025-01-01").pricing).toEqual({ input: 10, output: 40 });
    const now = resolvePrice(prices, "2026-11-27");
    expect(now.pricing).toEqual({ input: 2, output: 8 });
    expect(now.notes).toEqual(["changes on 2027-01-01 to input 3 / output 9"]);
  });

  it("folds peak-hour windows in as an upper bound", () => {
    const { pricing, notes } = resolvePrice(
      [
        { prices: { input_mtok: 0.135, output_mtok: 0.55 } },
        {
          constraint: { type: "time_of_date" as const, start_time: "00:30:00Z", end_time: "16:30:00Z" },
          prices: { input_mtok: 0.27, output_mtok: 1.1 },
        },
      ],
      "2026-11-27",
    );
    expect(pricing).toEqual({ input: 0.27, output: 1.1 });
    expect(notes[0]).toContain("peak-hour");
  });

  it("refuses entries without token prices", () => {
    expect(() => resolvePrice({ audio_hours: 0.36 }, "2026-11-27")).toThrow(/input\/output/);
  });
});
