import { describe, expect, it } from "vitest";
import type { Env } from "../env.ts";
import { FLUSH_DELAY_MS, flushDelayMs } from "./flush-delay.ts";

const env = (value?: string) =>
  ({ PRICING: {} as KVNamespace, ...(value === undefined ? {} : { ROUTER_STATS_FLUSH_MS: value }) }) as Env;

describe("ROUTER_STATS_FLUSH_MS", () => {
  it("defaults to one second, blank included", () => {
    expect(flushDelayMs(env())).toBe(FLUSH_DELAY_MS);
    expect(flushDelayMs(env(" "))).toBe(FLUSH_DELAY_MS);
  });

  it("takes any non-negative wait, long ones too (0: flush at once)", () => {
    expect(flushDelayMs(env("0"))).toBe(0);
    expect(flushDelayMs(env("120000"))).toBe(120_000);
  });

  it("fails loudly on a value that is not a non-negative number", () => {
    for (const bad of ["abc", "-5"])
      expect(() => flushDelayMs(env(bad))).toThrow(/router misconfigured: ROUTER_STATS_FLUSH_MS/i);
  });
});
