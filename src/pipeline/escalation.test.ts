// Neighbouring-tier selections: one tier up (escalation) and one tier down (downward shadow).
import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../pricing/catalog-schema";
import { OPEN_POLICY } from "../select/policy";
import { selectModels, type SelectionInput } from "../select/select-model";
import { nextTierSelection, tierBelowSelection } from "./escalation";

const model = (id: string, maxTier: CatalogModel["maxTier"], input: number): CatalogModel => ({
  id,
  provider: id.split("/")[0] as CatalogModel["provider"],
  upstreamModel: id.split("/")[1]!,
  pricing: { input, output: 4 * input },
  contextWindow: 128_000,
  maxOutputTokens: 16_000,
  capabilities: ["tools", "json", "streaming"],
  maxTier,
  latency: { ttftMs: 500, tokensPerSecond: 100 },
});

const base: SelectionInput = {
  models: [
    model("openai/small", "simple", 0.1),
    model("openai/mid", "moderate", 0.4),
    model("openai/big", "complex", 2),
  ],
  availableProviders: new Set(["openai"]),
  tier: "complex",
  uncertain: false,
  objective: "balanced",
  options: {},
  policy: OPEN_POLICY,
  needs: [],
  inputTokens: 1000,
  outputTokens: 200,
  observedLatency: new Map(),
  baselineId: "openai/big",
  maxCandidates: 3,
};
const at = (input: Partial<SelectionInput>) => {
  const full = { ...base, ...input };
  return { full, served: selectModels(full) };
};
const ids = (plan: ReturnType<typeof tierBelowSelection>) => plan?.candidates.map((c) => c.model.id);

describe("tierBelowSelection", () => {
  it("selects the next tier down among models that cannot serve the served tier", () => {
    const { full, served } = at({ tier: "complex" });
    expect(served.servedTier).toBe("complex");
    const below = tierBelowSelection(full, served);
    expect(below?.tier).toBe("moderate");
    expect(ids(below)).toEqual(["openai/mid"]); // never the top-tier model itself
    const { full: mid, served: midServed } = at({ tier: "moderate" });
    expect(ids(tierBelowSelection(mid, midServed))).toEqual(["openai/small"]);
  });

  it("has nothing below the bottom tier, for a pinned model, under a floor, or without a cheaper model", () => {
    const bottom = at({ tier: "simple" });
    expect(tierBelowSelection(bottom.full, bottom.served)).toBeUndefined();
    const pinned = at({ requestedModel: "openai/big" });
    expect(tierBelowSelection(pinned.full, pinned.served)).toBeUndefined();
    const floored = at({ options: { min_tier: "complex" } });
    expect(tierBelowSelection(floored.full, floored.served)).toBeUndefined();
    const onlyBig = at({ models: [model("openai/big", "complex", 2)] });
    expect(tierBelowSelection(onlyBig.full, onlyBig.served)).toBeUndefined();
  });
});

describe("nextTierSelection", () => {
  it("selects the next tier up among stronger models, and nothing above the top", () => {
    const { full, served } = at({ tier: "simple" });
    expect(nextTierSelection(full, served)?.candidates.map((c) => c.model.id)).toEqual(["openai/mid", "openai/big"]);
    const top = at({ tier: "complex" });
    expect(nextTierSelection(top.full, top.served)).toBeUndefined();
  });
});
