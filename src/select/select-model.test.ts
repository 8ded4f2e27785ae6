// Table tests for the selector: every objective and constraint, policies, stickiness, and the
// unsatisfiable combinations (each names the constraint that failed).
import { describe, expect, it } from "vitest";
import { OPEN_POLICY, type KeyPolicy } from "../schema/policy.ts";
import { selectModels } from "./select-model.ts";
import type { SelectionInput } from "./selection.ts";
import { catalogModel, selectionInput } from "../../test/support/selection-fixtures.ts";

const model = catalogModel;

const MODELS = [
  model("openai/small", "simple", 0.1, 0.4),
  model("openai/mid", "moderate", 0.4, 1.6, { pricing: { input: 0.4, output: 1.6, cachedInput: 0.04 } }),
  model("groq/fast-mid", "moderate", 0.6, 0.8, { latency: { ttftMs: 100, tokensPerSecond: 800 } }),
  model("anthropic/big", "complex", 2, 8, { latency: { ttftMs: 900, tokensPerSecond: 50 } }),
  model("anthropic/fast-big", "complex", 3, 12, {
    latency: { ttftMs: 200, tokensPerSecond: 200 },
    capabilities: ["tools", "json", "streaming", "reasoning"],
  }),
  model("google/vision-mid", "moderate", 0.5, 2, { capabilities: ["vision", "streaming"] }),
];

// Cost ranking by default, so the constraint tables read as "cheapest first"; balanced has its own rows.
const base: SelectionInput = {
  ...selectionInput(MODELS, "anthropic/big"),
  objective: "cost",
  availableProviders: new Set(["openai", "groq", "anthropic", "google"]),
};

const select = (input: Partial<SelectionInput>) => selectModels({ ...base, ...input });
const ids = (input: Partial<SelectionInput>) => select(input).candidates.map((c) => c.model.id);
const cost = (input: number, output: number) => (1000 * input + 200 * output) / 1e6;

describe("objectives", () => {
  it.each([
    // objective, decided tier, uncertain, expected ranking
    ["cost", "simple", false, ["openai/small", "openai/mid", "groq/fast-mid"]],
    ["cost", "simple", true, ["openai/small", "openai/mid", "groq/fast-mid"]], // cost trusts the decision
    // balanced: cost / cheapest + latency / fastest. groq/fast-mid costs 4.2x openai/small but is
    // 16x faster (0.35 s vs 5.5 s): it wins even where the cheaper, slower model serves the tier.
    ["balanced", "simple", false, ["groq/fast-mid", "openai/small", "openai/mid"]],
    ["balanced", "simple", true, ["groq/fast-mid", "openai/mid", "google/vision-mid"]], // one tier up
    ["balanced", "moderate", false, ["groq/fast-mid", "openai/mid", "google/vision-mid"]],
    ["balanced", "complex", true, ["anthropic/fast-big", "anthropic/big"]], // 1.5x the cost, 4x faster
    ["quality", "simple", false, ["openai/mid", "groq/fast-mid", "google/vision-mid"]],
    ["quality", "simple", true, ["anthropic/big", "anthropic/fast-big"]], // quality+1 and uncertain+1
    ["quality", "complex", false, ["anthropic/big", "anthropic/fast-big"]],
    ["latency", "moderate", false, ["groq/fast-mid", "anthropic/fast-big", "openai/mid"]],
    ["latency", "complex", false, ["anthropic/fast-big", "anthropic/big"]],
  ] as const)("%s at decided tier %s (uncertain=%s)", (objective, tier, uncertain, expected) => {
    expect(ids({ objective, tier, uncertain })).toEqual(expected);
  });

  it("balanced still picks the cheaper model when the faster one does not make up for its price", () => {
    // 2.5x the cost of openai/small for 1.3x its speed: cost/cheapest + latency/fastest favours small.
    const slowish = model("groq/slowish", "simple", 0.25, 1, { latency: { ttftMs: 1200, tokensPerSecond: 60 } });
    const small = model("openai/small", "simple", 0.1, 0.4, { latency: { ttftMs: 1500, tokensPerSecond: 50 } });
    expect(ids({ objective: "balanced", models: [slowish, small], baselineId: "openai/small" })).toEqual([
      "openai/small",
      "groq/slowish",
    ]);
  });

  it("records why the floor is where it is", () => {
    expect(select({ objective: "quality", uncertain: true }).floor.reasons).toEqual([
      "decided=simple",
      "uncertain+1",
      "quality+1",
    ]);
  });

  it("auto:latency uses observed latency over the catalog hint", () => {
    const observedLatency = new Map([["groq/fast-mid", { ttftMs: 5000, tokensPerSecond: 10 }]]);
    expect(ids({ objective: "latency", tier: "moderate", observedLatency })[0]).toBe("anthropic/fast-big");
  });
});

describe("expected cost", () => {
  it("is input tokens × input price + predicted output × output price", () => {
    const selection = select({});
    expect(selection.candidates[0]!.estCostUsd).toBeCloseTo(cost(0.1, 0.4), 12);
    expect(selection.baselineCostUsd).toBeCloseTo(cost(2, 8), 12);
  });

  it("bills a sticky model's cached history prefix at the cached-input price", () => {
    const sticky = { tier: "moderate" as const, model: "openai/mid", provider: "openai" };
    const selection = select({ tier: "moderate", sticky, cachedPrefixTokens: 800 });
    const mid = selection.candidates.find((c) => c.model.id === "openai/mid")!;
    expect(mid.estCostUsd).toBeCloseTo((200 * 0.4 + 800 * 0.04 + 200 * 1.6) / 1e6, 12);
  });

  it("uses long-context prices above their threshold", () => {
    const long = model("openai/long", "simple", 1, 2, {
      pricing: { input: 1, output: 2, longContext: { aboveInputTokens: 500, input: 3, output: 4 } },
    });
    const [first] = select({ models: [long], baselineId: "openai/long" }).candidates;
    expect(first!.estCostUsd).toBeCloseTo((1000 * 3 + 200 * 4) / 1e6, 12);
  });
});

describe("constraints", () => {
  it.each([
    ["min_tier raises the floor", { options: { min_tier: "complex" } }, ["anthropic/big", "anthropic/fast-big"]],
    [
      "allow_providers",
      { options: { allow_providers: ["groq", "anthropic"] } },
      ["groq/fast-mid", "anthropic/big", "anthropic/fast-big"],
    ],
    [
      "deny_providers",
      { options: { deny_providers: ["openai"] } },
      ["groq/fast-mid", "google/vision-mid", "anthropic/big"],
    ],
    [
      "allow_models (by id or upstream name)",
      { options: { allow_models: ["mid", "anthropic/big"] } },
      ["openai/mid", "anthropic/big"],
    ],
    [
      "deny_models",
      { options: { deny_models: ["openai/small", "openai/mid"] } },
      ["groq/fast-mid", "google/vision-mid", "anthropic/big"],
    ],
    ["require capabilities", { options: { require: ["reasoning"] } }, ["anthropic/fast-big"]],
    ["request needs (vision)", { needs: ["vision"] }, ["google/vision-mid"]],
    [
      "max_cost_usd keeps cheap enough models",
      { options: { max_cost_usd: cost(0.42, 1.65) } },
      ["openai/small", "openai/mid"],
    ],
    [
      "max_latency_ms keeps fast enough models",
      { options: { max_latency_ms: 1300 } },
      ["groq/fast-mid", "anthropic/fast-big"],
    ],
    [
      "unreachable providers are skipped",
      { availableProviders: new Set(["google", "anthropic"]) },
      ["google/vision-mid", "anthropic/big", "anthropic/fast-big"],
    ],
  ] as [string, Partial<SelectionInput>, string[]][])("%s", (_, input, expected) => {
    expect(ids(input)).toEqual(expected);
  });

  it("context: models whose window cannot hold prompt + output are skipped", () => {
    const small = model("openai/tiny-ctx", "simple", 0.01, 0.01, { contextWindow: 1100 });
    expect(ids({ models: [small, ...MODELS] })[0]).toBe("openai/small");
    expect(ids({ models: [small, ...MODELS], inputTokens: 800 })[0]).toBe("openai/tiny-ctx");
  });

  it("caps the tier visibly when no reachable model serves it", () => {
    const selection = select({ availableProviders: new Set(["openai"]), tier: "complex" });
    expect(selection.tierCap).toEqual({ wanted: "complex", served: "moderate", by: "availability" });
    expect(selection.candidates.map((c) => c.model.id)).toEqual(["openai/mid"]);
  });

  it.each([
    ["max_cost_usd below every model", { options: { max_cost_usd: 1e-9 } }, "router.max_cost_usd", 400],
    [
      "max_cost_usd only met below the floor",
      { tier: "complex", options: { max_cost_usd: cost(0.5, 2) } },
      "router.max_cost_usd",
      400,
    ],
    ["max_latency_ms below every model", { options: { max_latency_ms: 1 } }, "router.max_latency_ms", 400],
    [
      "allow_providers names nothing reachable",
      { options: { allow_providers: ["zzz"] } },
      "router.allow_providers",
      400,
    ],
    [
      "deny_providers denies all",
      { options: { deny_providers: ["openai", "groq", "anthropic", "google"] } },
      "router.deny_providers",
      400,
    ],
    ["allow_models names nothing", { options: { allow_models: ["nope"] } }, "router.allow_models", 400],
    ["deny_models denies all", { options: { deny_models: MODELS.map((m) => m.id) } }, "router.deny_models", 400],
    ["needs a capability nobody has", { needs: ["vision", "tools"] as const }, "messages", 400],
    ["require a capability nobody has", { options: { require: ["vision", "reasoning"] } }, "router.require", 400],
    ["prompt larger than every context window", { inputTokens: 10_000_000 }, "messages", 400],
    ["no provider configured", { availableProviders: new Set<string>() }, "model", 400],
    [
      "min_tier with only lower models allowed",
      { options: { min_tier: "complex", allow_models: ["openai/mid"] } },
      "router.min_tier",
      400,
    ],
    [
      "cheap + fast + complex",
      { tier: "complex", options: { max_cost_usd: cost(2.5, 10), max_latency_ms: 1500 } },
      "router.max_latency_ms",
      400,
    ],
    [
      "vision + max_cost below it",
      { needs: ["vision"] as const, options: { max_cost_usd: cost(0.1, 0.4) } },
      "router.max_cost_usd",
      400,
    ],
  ] as [string, Partial<SelectionInput>, string, number][])("refuses: %s", (_, input, param, status) => {
    expect(() => select(input)).toThrow(expect.objectContaining({ status, param }));
  });
});

describe("requested model", () => {
  it("goes first; fallbacks serve its tier or higher", () => {
    expect(ids({ requestedModel: "openai/mid" })).toEqual(["openai/mid", "groq/fast-mid", "google/vision-mid"]);
    expect(ids({ requestedModel: "mid" })[0]).toBe("openai/mid");
  });

  it("ignores objective bumps and stickiness", () => {
    const sticky = { tier: "complex" as const, model: "anthropic/big", provider: "anthropic" };
    expect(ids({ requestedModel: "openai/small", objective: "quality", uncertain: true, sticky })[0]).toBe(
      "openai/small",
    );
  });

  it.each([
    ["unknown", { requestedModel: "x/unknown" }, "model", 404],
    [
      "denied by the request",
      { requestedModel: "openai/mid", options: { deny_providers: ["openai"] } },
      "router.deny_providers",
      400,
    ],
    ["below min_tier", { requestedModel: "openai/small", options: { min_tier: "moderate" } }, "router.min_tier", 400],
    [
      "over max_cost_usd",
      { requestedModel: "anthropic/big", options: { max_cost_usd: cost(1, 1) } },
      "router.max_cost_usd",
      400,
    ],
    [
      "outside the policy",
      { requestedModel: "anthropic/big", policy: { name: "k", max_tier: "moderate" } },
      "policy.max_tier",
      403,
    ],
  ] as [string, Partial<SelectionInput>, string, number][])("is refused when %s", (_, input, param, status) => {
    expect(() => select(input)).toThrow(expect.objectContaining({ status, param }));
  });
});

describe("key policy", () => {
  it("caps the tier visibly and names the policy", () => {
    const selection = select({ tier: "complex", policy: { name: "team-a", max_tier: "moderate" } });
    expect(selection.policy).toBe("team-a");
    expect(selection.tierCap).toEqual({ wanted: "complex", served: "moderate", by: "policy" });
    expect(selection.candidates.every((c) => c.model.maxTier !== "complex")).toBe(true);
  });

  it.each([
    ["allow_providers", { allow_providers: ["groq"] }, ["groq/fast-mid"]],
    [
      "deny_providers",
      { deny_providers: ["openai", "groq"] },
      ["google/vision-mid", "anthropic/big", "anthropic/fast-big"],
    ],
    ["allow_models", { allow_models: ["openai/small", "anthropic/big"] }, ["openai/small", "anthropic/big"]],
    ["deny_models", { deny_models: ["openai/small"] }, ["openai/mid", "groq/fast-mid", "google/vision-mid"]],
  ] as [string, Partial<KeyPolicy>, string[]][])("applies %s", (_, policy, expected) => {
    expect(ids({ policy: { name: "k", ...policy } })).toEqual(expected);
  });

  it.each([
    [
      "min_tier above the cap",
      { options: { min_tier: "complex" }, policy: { name: "k", max_tier: "moderate" } },
      "router.min_tier",
      "policy_violation",
    ],
    [
      "policy providers all unreachable",
      { policy: { name: "k", allow_providers: ["mistral"] } },
      "policy.allow_providers",
      "no_eligible_model",
    ],
    ["policy cost ceiling", { policy: { name: "k", max_cost_usd: 1e-9 } }, "policy.max_cost_usd", "no_eligible_model"],
  ] as [string, Partial<SelectionInput>, string, string][])("refuses with 403: %s", (_, input, param, code) => {
    expect(() => select(input)).toThrow(expect.objectContaining({ status: 403, param, code }));
  });

  it("refuses with 429 and retry-after when the remaining budget does not cover the request", () => {
    expect(() => select({ budgetRemainingUsd: 0, budgetResetSeconds: 3600 })).toThrow(
      expect.objectContaining({
        status: 429,
        type: "rate_limit_error",
        param: "policy.budget_usd",
        code: "budget_exceeded",
        headers: { "retry-after": "3600" },
      }),
    );
  });
});

describe("stickiness", () => {
  const sticky = (model: string, tier: "simple" | "moderate" | "complex") => ({
    tier,
    model,
    provider: model.split("/")[0]!,
  });

  it("never drops below the conversation's tier", () => {
    const selection = select({ tier: "simple", sticky: sticky("anthropic/big", "complex") });
    expect(selection.servedTier).toBe("complex");
    expect(selection.floor.reasons).toContain("sticky=complex");
  });

  it("keeps the same model when it is within the margin", () => {
    const selection = select({ tier: "moderate", sticky: sticky("groq/fast-mid", "moderate") });
    expect(selection.candidates[0]!.model.id).toBe("groq/fast-mid");
    expect(selection.stickiness).toBe("model");
  });

  it("falls back to the same provider when the model is gone", () => {
    const selection = select({ tier: "complex", sticky: sticky("anthropic/retired", "complex") });
    expect(selection.candidates[0]!.model.provider).toBe("anthropic");
    expect(selection.stickiness).toBe("provider");
  });

  it("does not stick to a model far more expensive than the best", () => {
    const selection = select({ tier: "simple", sticky: sticky("google/vision-mid", "simple") });
    expect(selection.candidates[0]!.model.id).toBe("openai/small");
    expect(selection.stickiness).toBe("none");
  });
});

it("is deterministic", () => {
  expect(select({ tier: "moderate", objective: "latency" })).toEqual(
    select({ tier: "moderate", objective: "latency" }),
  );
});
