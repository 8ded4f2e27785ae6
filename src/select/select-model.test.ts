import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../pricing/catalog-schema";
import { selectModels, type SelectionInput } from "./select-model";

const model = (
  id: string,
  maxTier: CatalogModel["maxTier"],
  input: number,
  output: number,
  extra: Partial<CatalogModel> = {},
): CatalogModel => ({
  id,
  provider: id.split("/")[0]!,
  upstreamModel: id.split("/")[1]!,
  pricing: { input, output },
  contextWindow: 128_000,
  maxOutputTokens: 16_000,
  capabilities: ["tools", "json", "streaming"],
  maxTier,
  ...extra,
});

const MODELS = [
  model("a/small", "simple", 0.1, 0.4),
  model("a/mid", "moderate", 0.4, 1.6),
  model("b/big", "complex", 2, 8, { latency: { ttftMs: 900, tokensPerSecond: 50 } }),
  model("b/fast-big", "complex", 3, 12, { latency: { ttftMs: 200, tokensPerSecond: 200 } }),
  model("b/vision-mid", "moderate", 0.5, 2, { capabilities: ["vision", "streaming"] }),
];

const base: SelectionInput = {
  models: MODELS,
  availableProviders: new Set(["a", "b"]),
  tier: "simple",
  objective: "balanced",
  options: {},
  needs: [],
  inputTokens: 1000,
  outputTokens: 200,
  baselineId: "b/big",
  maxCandidates: 3,
};

const ids = (input: Partial<SelectionInput>) => selectModels({ ...base, ...input }).candidates.map((c) => c.model.id);

describe("selectModels", () => {
  it.each([
    ["simple", ["a/small", "a/mid", "b/vision-mid"]],
    ["moderate", ["a/mid", "b/vision-mid", "b/big"]],
    ["complex", ["b/big", "b/fast-big"]],
  ] as const)("ranks models serving tier %s by expected cost", (tier, expected) => {
    expect(ids({ tier })).toEqual(expected);
  });

  it("auto:quality raises the tier floor one step", () => {
    expect(ids({ tier: "simple", objective: "quality" })[0]).toBe("a/mid");
  });

  it("auto:latency prefers the fastest model of the tier", () => {
    expect(ids({ tier: "complex", objective: "latency" })[0]).toBe("b/fast-big");
  });

  it("computes expected cost from input and output prices", () => {
    const [first] = selectModels(base).candidates;
    expect(first!.estCostUsd).toBeCloseTo((1000 * 0.1 + 200 * 0.4) / 1e6, 12);
    expect(selectModels(base).baselineCostUsd).toBeCloseTo((1000 * 2 + 200 * 8) / 1e6, 12);
  });

  it("min_tier raises the floor", () => {
    expect(ids({ options: { min_tier: "complex" } })).toEqual(["b/big", "b/fast-big"]);
  });

  it("skips providers without keys", () => {
    expect(ids({ availableProviders: new Set(["b"]), tier: "moderate" })).toEqual([
      "b/vision-mid",
      "b/big",
      "b/fast-big",
    ]);
  });

  it("caps the tier visibly when no reachable model serves it", () => {
    const selection = selectModels({ ...base, availableProviders: new Set(["a"]), tier: "complex" });
    expect(selection.tierCapped).toBe(true);
    expect(selection.servedTier).toBe("moderate");
    expect(selection.candidates.map((c) => c.model.id)).toEqual(["a/mid"]);
  });

  it("filters by required capabilities", () => {
    expect(ids({ needs: ["vision"] })).toEqual(["b/vision-mid"]);
  });

  it("puts a requested concrete model first and keeps fallbacks of its tier or higher", () => {
    expect(ids({ requestedModel: "a/mid" })).toEqual(["a/mid", "b/vision-mid", "b/big"]);
    expect(ids({ requestedModel: "mid" })[0]).toBe("a/mid");
  });

  it.each([
    [{ options: { max_cost_usd: 1e-9 } }, "router.max_cost_usd"],
    [{ options: { max_latency_ms: 1 } }, "router.max_latency_ms"],
    [{ options: { allow_providers: ["zzz"] } }, "router.allow_providers"],
    [{ options: { deny_providers: ["a", "b"] } }, "router.deny_providers"],
    [{ options: { deny_models: MODELS.map((m) => m.id) } }, "router.deny_models"],
    [{ needs: ["reasoning" as const] }, "messages"],
    [{ options: { require: ["reasoning" as const] } }, "router.require"],
    [{ inputTokens: 10_000_000 }, "messages"],
    [{ availableProviders: new Set<string>() }, "model"],
    [{ options: { min_tier: "complex" as const, allow_models: ["a/mid"] } }, "router.min_tier"],
  ])("refuses an unsatisfiable request, naming the constraint (%j)", (input, param) => {
    expect(() => selectModels({ ...base, ...input })).toThrow(
      expect.objectContaining({ status: 400, param, code: "no_eligible_model" }),
    );
  });

  it("404s an unknown requested model", () => {
    expect(() => selectModels({ ...base, requestedModel: "x/unknown" })).toThrow(
      expect.objectContaining({ status: 404, code: "model_not_found" }),
    );
  });

  it("is deterministic", () => {
    expect(selectModels(base)).toEqual(selectModels(base));
  });
});
