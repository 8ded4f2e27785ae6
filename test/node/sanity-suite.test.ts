// The routing sanity suite (tools/research/sanity/suite.ts): hand-written prompts with the tier an operator
// would expect, routed through the Worker's decision path in Node (committed wasm scorer, cascade,
// ONNX classifier, fitted tier defaults). The suite is never used for tuning
// (tools/research/sanity/dev-prompts.ts is the development list). Thresholds:
//   clearly simple:  >= 80% decided simple, none decided complex;
//   clearly complex: a higher median score than the moderate prompts, and at least 60% decided above
//                    simple;
//   moderate:        median score strictly between the simple and complex medians.
// The complex thresholds were ">= 80% decided complex" for the previous model, which met them by
// deciding almost any real request complex (a constant prior for "looks like an arena-hard request":
// 83% of real chat prompts went to the top tier). The router since issue 15 puts 30% of real chat
// prompts in the top tier and ranks within them by what many models' outcomes say: several of these
// prompts rank below that bar (docs/router-model.md lists them); the test holds what stays true.
import { beforeAll, describe, expect, it } from "vitest";
import { createNodeRouter } from "../../tools/lib/router/node-router.ts";
import { SANITY_DEV } from "../../tools/research/sanity/dev-prompts.ts";
import { routeSanity, summarise, type SanityResult, type SanitySummary } from "../../tools/research/sanity/evaluate.ts";
import { SANITY_SUITE } from "../../tools/research/sanity/suite.ts";
import { syntheticPrompts } from "../../tools/build/synthetic/simple-prompts.ts";

let results: SanityResult[];
let byTier: Record<string, SanitySummary>;

const misrouted = (tier: string) =>
  results
    .filter((r) => r.tier === tier && r.decided !== tier)
    .map((r) => `${r.decided} ${r.score.toFixed(4)} ${r.prompt.slice(0, 60)}`);

beforeAll(async () => {
  results = await routeSanity(await createNodeRouter(), SANITY_SUITE);
  byTier = Object.fromEntries(summarise(results).map((s) => [s.tier, s]));
}, 60_000);

describe("routing sanity suite", () => {
  it("is a separate, sizeable hand-written set (not training data, not the dev list)", () => {
    expect(SANITY_SUITE.length).toBeGreaterThanOrEqual(40);
    const norm = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();
    const seen = new Set([...syntheticPrompts().map((p) => p.prompt), ...SANITY_DEV.map((p) => p.prompt)].map(norm));
    for (const p of SANITY_SUITE) expect(seen.has(norm(p.prompt)), p.prompt).toBe(false);
    expect(new Set(SANITY_SUITE.map((p) => norm(p.prompt))).size).toBe(SANITY_SUITE.length);
  });

  it("routes at least 80% of clearly simple prompts to simple and none to complex", () => {
    const s = byTier.simple!;
    expect(s.prompts).toBeGreaterThanOrEqual(20);
    expect(s.asExpected, misrouted("simple").join("\n")).toBeGreaterThanOrEqual(0.8);
    expect(s.complex, misrouted("simple").join("\n")).toBe(0);
  });

  it("routes at least 60% of clearly complex prompts above simple", () => {
    const s = byTier.complex!;
    expect(s.prompts).toBeGreaterThanOrEqual(20);
    expect(1 - s.simple / s.prompts, misrouted("complex").join("\n")).toBeGreaterThanOrEqual(0.6);
  });

  it("scores moderate prompts between simple and complex ones (medians)", () => {
    expect(byTier.moderate!.medianScore).toBeGreaterThan(byTier.simple!.medianScore);
    expect(byTier.moderate!.medianScore).toBeLessThan(byTier.complex!.medianScore);
  });
});
