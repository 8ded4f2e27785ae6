// Neighbouring-tier selections: one tier up (escalation) and one tier down (downward shadow).
import { describe, expect, it } from "vitest";
import { selectModels } from "./select-model.ts";
import type { SelectionInput } from "./selection.ts";
import { catalogModel, selectionInput } from "../../test/support/selection-fixtures.ts";
import { nextTierSelection, tierBelowSelection } from "./neighbour-tiers.ts";

const model = (id: string, maxTier: "simple" | "moderate" | "complex", input: number) =>
  catalogModel(id, maxTier, input, 4 * input);
const base: SelectionInput = {
  ...selectionInput(
    [model("openai/small", "simple", 0.1), model("openai/mid", "moderate", 0.4), model("openai/big", "complex", 2)],
    "openai/big",
  ),
  tier: "complex",
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
