// rankCandidates picks the first few candidates in one pass; these properties hold it to the full
// stable sort plus the sticky / requested move that the selector used to do, including ties (equal
// prices, equal latencies, free models whose relative cost is infinite).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { OBJECTIVES, type Objective } from "../schema/router-options.ts";
import { rankCandidates, rankMetrics, STICKY_MARGIN } from "./rank.ts";
import type { Candidate, StickyState } from "./selection.ts";

/** The reference: sort everything, then move the sticky or requested model first. */
function fullSort(
  pool: readonly Candidate[],
  objective: Objective,
  count: number,
  sticky: StickyState | undefined,
  requestedId: string | undefined,
) {
  const values = rankMetrics(objective, pool);
  const metric = (c: Candidate) => values[pool.indexOf(c)]!;
  const ranked = [...pool].sort(
    (a, b) => metric(a) - metric(b) || a.estCostUsd - b.estCostUsd || a.model.id.localeCompare(b.model.id),
  );
  let stickiness = "none";
  if (sticky) {
    const limit = metric(ranked[0]!) * (1 + STICKY_MARGIN);
    const index =
      ranked.findIndex((c) => c.model.id === sticky.model && metric(c) <= limit) >= 0
        ? ranked.findIndex((c) => c.model.id === sticky.model)
        : ranked.findIndex((c) => c.model.provider === sticky.provider && metric(c) <= limit);
    if (index >= 0) {
      stickiness = ranked[index]!.model.id === sticky.model ? "model" : "provider";
      ranked.unshift(...ranked.splice(index, 1));
    }
  }
  if (requestedId !== undefined) {
    const index = ranked.findIndex((c) => c.model.id === requestedId);
    if (index >= 0) ranked.unshift(...ranked.splice(index, 1));
  }
  return { candidates: ranked.slice(0, count), stickiness };
}

const PROVIDERS = ["openai", "groq", "anthropic"];
// Few distinct values, so ties on metric and cost are common.
const candidateArb = fc.record({
  provider: fc.constantFrom(...PROVIDERS),
  name: fc.constantFrom("a", "b", "c", "d", "B", "é"),
  cost: fc.constantFrom(0, 0.001, 0.002, 0.004),
  latency: fc.constantFrom(100, 200, 400, 5000),
});

const caseArb = fc.record({
  pool: fc.uniqueArray(candidateArb, { minLength: 1, maxLength: 12, selector: (c) => `${c.provider}/${c.name}` }),
  objective: fc.constantFrom(...OBJECTIVES),
  count: fc.integer({ min: 1, max: 5 }),
  pull: fc.constantFrom("none", "sticky", "requested"),
  pick: fc.nat(),
  stickyProvider: fc.constantFrom(...PROVIDERS),
});

describe("rankCandidates", () => {
  it("returns the prefix of the full sort with the sticky or requested model moved first", () => {
    fc.assert(
      fc.property(caseArb, ({ pool: raw, objective, count, pull, pick, stickyProvider }) => {
        const pool: Candidate[] = raw.map((c) => ({
          model: { id: `${c.provider}/${c.name}`, provider: c.provider } as CatalogModel,
          estCostUsd: c.cost,
          estLatencyMs: c.latency,
        }));
        const chosen = pool[pick % pool.length]!.model;
        // A sticky model that may have left the pool (then its provider's best within the margin).
        const sticky =
          pull === "sticky"
            ? { tier: "simple" as const, model: pick % 3 === 0 ? "gone/x" : chosen.id, provider: stickyProvider }
            : undefined;
        const requestedId = pull === "requested" ? chosen.id : undefined;
        expect(rankCandidates(pool, objective, count, sticky, requestedId)).toEqual(
          fullSort(pool, objective, count, sticky, requestedId),
        );
      }),
      { numRuns: 3000 },
    );
  });

  it("ranks auto:balanced by cost and latency relative to the best of each", () => {
    const c = (id: string, cost: number, latency: number): Candidate => ({
      model: { id, provider: id.split("/")[0]! } as CatalogModel,
      estCostUsd: cost,
      estLatencyMs: latency,
    });
    // cheap-slow: 1 + 10 = 11; pricey-fast: 4 + 1 = 5; mid: 2 + 2 = 4.
    const pool = [c("x/cheap-slow", 1, 1000), c("x/pricey-fast", 4, 100), c("x/mid", 2, 200)];
    const ranked = rankCandidates(pool, "balanced", 3, undefined, undefined).candidates.map((r) => r.model.id);
    expect(ranked).toEqual(["x/mid", "x/pricey-fast", "x/cheap-slow"]);
  });
});
