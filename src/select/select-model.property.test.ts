// Properties of the selector over random catalogs and constraints (fast-check).
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { RouterError } from "../errors.ts";
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { TIERS, tierRank } from "../schema/canonical.ts";
import { CAPABILITIES, OBJECTIVES } from "../schema/router-options.ts";
import { selectModels } from "./select-model.ts";
import type { SelectionInput } from "./selection.ts";

const PROVIDERS = ["openai", "anthropic", "groq", "mistral"] as const;
const price = fc.double({ min: 0, max: 50, noNaN: true });

const modelArb = fc
  .record({
    provider: fc.constantFrom(...PROVIDERS),
    name: fc.stringMatching(/^[a-z][a-z0-9-]{0,8}$/),
    input: price,
    output: price,
    contextWindow: fc.integer({ min: 1_000, max: 1_000_000 }),
    maxOutputTokens: fc.integer({ min: 100, max: 100_000 }),
    capabilities: fc.subarray([...CAPABILITIES]),
    maxTier: fc.constantFrom(...TIERS),
    ttftMs: fc.integer({ min: 50, max: 5_000 }),
    tokensPerSecond: fc.integer({ min: 5, max: 2_000 }),
  })
  .map((m): CatalogModel => ({
    id: `${m.provider}/${m.name}`,
    provider: m.provider,
    upstreamModel: m.name,
    pricing: { input: m.input, output: m.output },
    contextWindow: m.contextWindow,
    maxOutputTokens: m.maxOutputTokens,
    capabilities: m.capabilities,
    maxTier: m.maxTier,
    latency: { ttftMs: m.ttftMs, tokensPerSecond: m.tokensPerSecond },
  }));

const inputArb = fc
  .record({
    models: fc.uniqueArray(modelArb, { minLength: 1, maxLength: 8, selector: (m) => m.id }),
    available: fc.subarray([...PROVIDERS], { minLength: 1 }),
    tier: fc.constantFrom(...TIERS),
    uncertain: fc.boolean(),
    objective: fc.constantFrom(...OBJECTIVES),
    maxCost: fc.option(fc.double({ min: 1e-7, max: 1, noNaN: true }), { nil: undefined }),
    maxLatency: fc.option(fc.integer({ min: 100, max: 60_000 }), { nil: undefined }),
    minTier: fc.option(fc.constantFrom(...TIERS), { nil: undefined }),
    deny: fc.subarray([...PROVIDERS], { maxLength: 2 }),
    require: fc.subarray([...CAPABILITIES], { maxLength: 2 }),
    policyCap: fc.option(fc.constantFrom(...TIERS), { nil: undefined }),
    stickyTier: fc.option(fc.constantFrom(...TIERS), { nil: undefined }),
    inputTokens: fc.integer({ min: 1, max: 200_000 }),
    outputTokens: fc.integer({ min: 1, max: 4_000 }),
  })
  .map((r): SelectionInput => ({
    models: r.models,
    availableProviders: new Set(r.available),
    tier: r.tier,
    uncertain: r.uncertain,
    objective: r.objective,
    options: {
      ...(r.maxCost !== undefined ? { max_cost_usd: r.maxCost } : {}),
      ...(r.maxLatency !== undefined ? { max_latency_ms: r.maxLatency } : {}),
      ...(r.minTier ? { min_tier: r.minTier } : {}),
      ...(r.deny.length ? { deny_providers: r.deny } : {}),
      ...(r.require.length ? { require: r.require } : {}),
    },
    policy: { name: "p", ...(r.policyCap ? { max_tier: r.policyCap } : {}) },
    needs: [],
    inputTokens: r.inputTokens,
    outputTokens: r.outputTokens,
    observedLatency: new Map(),
    sticky: r.stickyTier ? { tier: r.stickyTier, model: r.models[0]!.id, provider: r.models[0]!.provider } : undefined,
    baselineId: r.models[0]!.id,
    maxCandidates: 3,
  }));

/** Runs the selector; refusals must be 4xx RouterErrors naming a parameter. */
function run(input: SelectionInput) {
  try {
    return selectModels(input);
  } catch (error) {
    expect(error).toBeInstanceOf(RouterError);
    const routerError = error as RouterError;
    expect(routerError.status).toBeGreaterThanOrEqual(400);
    expect(routerError.status).toBeLessThan(500);
    expect(routerError.param).toBeTruthy();
    return undefined;
  }
}

describe("selector properties", () => {
  it("every candidate satisfies every constraint, and the served tier is honest", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        const selection = run(input);
        if (!selection) return;
        const { options, policy } = input;
        expect(selection.candidates.length).toBeGreaterThan(0);
        for (const { model, estCostUsd, estLatencyMs } of selection.candidates) {
          expect(input.availableProviders.has(model.provider)).toBe(true);
          expect(options.deny_providers ?? []).not.toContain(model.provider);
          for (const need of options.require ?? []) expect(model.capabilities).toContain(need);
          expect(input.inputTokens + Math.min(input.outputTokens, model.maxOutputTokens)).toBeLessThanOrEqual(
            model.contextWindow,
          );
          if (options.max_cost_usd !== undefined) expect(estCostUsd).toBeLessThanOrEqual(options.max_cost_usd);
          if (options.max_latency_ms !== undefined) expect(estLatencyMs).toBeLessThanOrEqual(options.max_latency_ms);
          if (policy.max_tier) expect(tierRank(model.maxTier)).toBeLessThanOrEqual(tierRank(policy.max_tier));
          expect(tierRank(model.maxTier)).toBeGreaterThanOrEqual(tierRank(selection.servedTier));
        }
        // Below the floor only with a visible cap; never below min_tier or the sticky tier.
        if (!selection.tierCap) expect(selection.servedTier).toBe(selection.floor.tier);
        if (options.min_tier) expect(tierRank(selection.servedTier)).toBeGreaterThanOrEqual(tierRank(options.min_tier));
        if (input.sticky && !selection.tierCap) {
          expect(tierRank(selection.servedTier)).toBeGreaterThanOrEqual(tierRank(input.sticky.tier));
        }
      }),
      { numRuns: 500 },
    );
  });

  it("auto:cost without stickiness puts the cheapest eligible candidate first", () => {
    fc.assert(
      fc.property(inputArb, (raw) => {
        const selection = run({ ...raw, objective: "cost", sticky: undefined });
        if (!selection) return;
        const [first, ...rest] = selection.candidates;
        for (const other of rest) expect(first!.estCostUsd).toBeLessThanOrEqual(other.estCostUsd);
      }),
      { numRuns: 300 },
    );
  });

  it("is deterministic", () => {
    fc.assert(
      fc.property(inputArb, (input) => {
        expect(run(input)).toEqual(run(input));
      }),
      { numRuns: 200 },
    );
  });
});
