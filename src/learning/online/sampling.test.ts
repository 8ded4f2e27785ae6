import { describe, expect, it } from "vitest";
import { newDecisionId, DECISION_ID } from "./decision-id.ts";
import { unitHash } from "../../util/hash.ts";
import { sampled } from "./sampling.ts";

describe("decision ids and sampling", () => {
  it("decision ids are well-formed and distinct", () => {
    const ids = new Set(Array.from({ length: 2_000 }, newDecisionId));
    expect(ids.size).toBe(2_000);
    for (const id of ids) expect(id).toMatch(DECISION_ID);
  });

  it("samples the requested share, deterministically and independently per purpose", () => {
    const ids = Array.from({ length: 20_000 }, (_, i) => `dec_${i}`);
    const shadow = ids.filter((id) => sampled(id, "shadow", 0.1));
    expect(shadow.length / ids.length).toBeCloseTo(0.1, 1);
    expect(ids.filter((id) => sampled(id, "shadow", 0.1))).toEqual(shadow);
    const both = shadow.filter((id) => sampled(id, "explore", 0.1)).length;
    expect(both / shadow.length).toBeCloseTo(0.1, 1);
    expect(ids.some((id) => sampled(id, "x", 0))).toBe(false);
    for (const id of ids.slice(0, 100)) {
      expect(unitHash(id)).toBeGreaterThanOrEqual(0);
      expect(unitHash(id)).toBeLessThan(1);
    }
  });
});
