import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { jsonDepth } from "./json-depth.ts";

function depthOf(value: unknown): number {
  if (typeof value !== "object" || value === null) return 0;
  const children = Array.isArray(value) ? value : Object.values(value);
  return 1 + children.reduce<number>((max, child) => Math.max(max, depthOf(child)), 0);
}

describe("jsonDepth", () => {
  it("counts nesting and ignores brackets inside strings, escaped quotes included", () => {
    expect(jsonDepth('"[[["')).toBe(0);
    expect(jsonDepth('{"a":[1,{"b":"}]]]\\"[[["}]}')).toBe(3);
    expect(jsonDepth('["\\\\",[[]]]')).toBe(3);
    expect(jsonDepth("[".repeat(100_000) + "]".repeat(100_000))).toBe(100_000);
  });

  it("stops once past the limit", () => {
    expect(jsonDepth("[".repeat(100_000), 64)).toBe(65);
  });

  it("agrees with the parsed structure for any JSON value", () => {
    fc.assert(
      fc.property(fc.jsonValue({ maxDepth: 12 }), (value) => {
        const text = JSON.stringify(value);
        expect(jsonDepth(text)).toBe(depthOf(JSON.parse(text)));
      }),
      { numRuns: 500, seed: 6 },
    );
  });
});
