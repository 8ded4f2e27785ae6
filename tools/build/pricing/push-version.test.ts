import { describe, expect, it } from "vitest";
import { GENERATED_CATALOG } from "../../../src/pricing/default-catalog.generated.ts";
import { nextPushedCatalog } from "./push-version.ts";

const now = new Date("2026-12-01T00:00:00Z");
const version = (current: number | null, kept: number[]) => {
  const raw = current === null ? null : JSON.stringify({ ...GENERATED_CATALOG, version: current });
  const result = nextPushedCatalog(GENERATED_CATALOG, { current: raw, kept }, now);
  if (!result.ok) throw new Error(result.issue);
  return result.catalog.version;
};

describe("pricing:push versions", () => {
  it("writes version 1 into an empty namespace", () => {
    expect(version(null, [])).toBe(1);
  });

  it("writes the next version above the current one, never over it", () => {
    expect(version(4, [1, 2, 3, 4])).toBe(5);
  });

  it("goes above every kept version even when the current one is lower (an old push)", () => {
    expect(version(1, [1, 2, 3, 4])).toBe(5);
    expect(version(null, [7])).toBe(8);
  });

  it("refuses an invalid catalog", () => {
    const result = nextPushedCatalog({ ...GENERATED_CATALOG, models: [] }, { current: null, kept: [] }, now);
    expect(result.ok).toBe(false);
  });
});
