import { describe, expect, it } from "vitest";
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { OPEN_POLICY, type KeyPolicy } from "../schema/policy.ts";
import { effectivePolicy } from "./effective-policy.ts";
import type { Identity } from "../schema/identity.ts";

const model = (id: string) => ({ id, upstreamModel: id.split("/")[1]!, provider: id.split("/")[0]! }) as CatalogModel;
const models = ["openai/a", "openai/b", "groq/c"].map(model);
const key = (policy: Omit<KeyPolicy, "name">): Identity => ({
  id: "k",
  kind: "key",
  name: "k",
  policy: { name: "k", ...policy },
});

describe("effective policy", () => {
  it("is the key's own policy under an open deployment", () => {
    expect(effectivePolicy(OPEN_POLICY, key({ max_tier: "moderate" }), models)).toEqual({
      name: "k",
      max_tier: "moderate",
    });
  });

  it("is the deployment policy for the open identity", () => {
    const deployment = { name: "d", max_tier: "simple" as const };
    expect(effectivePolicy(deployment, { id: "open", kind: "open", name: "open", policy: deployment }, models)).toBe(
      deployment,
    );
  });

  it("lets the stricter side win for every restriction", () => {
    const deployment: KeyPolicy = {
      name: "d",
      max_tier: "moderate",
      allow_providers: ["openai", "groq"],
      deny_providers: ["mistral"],
      allow_models: ["openai/a", "b"],
      deny_models: ["x"],
      max_cost_usd: 0.5,
    };
    const own = key({
      max_tier: "complex",
      allow_providers: ["openai", "anthropic"],
      deny_providers: ["groq"],
      allow_models: ["a", "openai/b", "groq/c"],
      deny_models: ["y"],
      max_cost_usd: 1,
    });
    expect(effectivePolicy(deployment, own, models)).toEqual({
      name: "d/k",
      max_tier: "moderate",
      allow_providers: ["openai"],
      deny_providers: ["mistral", "groq"],
      allow_models: ["openai/a", "openai/b"],
      deny_models: ["x", "y"],
      max_cost_usd: 0.5,
    });
  });

  it("takes the key's own budgets and rate limit over the deployment's defaults", () => {
    const deployment: KeyPolicy = {
      name: "d",
      budget_usd: { daily: 1, monthly: 20 },
      rate_limit: { requests: 10, period_seconds: 60 },
    };
    const policy = effectivePolicy(
      deployment,
      key({ budget_usd: { daily: 5 }, rate_limit: { requests: 100, period_seconds: 10 } }),
      models,
    );
    expect(policy.budget_usd).toEqual({ daily: 5, monthly: 20 });
    expect(policy.rate_limit).toEqual({ requests: 100, period_seconds: 10 });
  });

  it("yields an empty allow list when the two lists share nothing (the selector then refuses)", () => {
    const policy = effectivePolicy(
      { name: "d", allow_models: ["openai/a"] },
      key({ allow_models: ["groq/c"] }),
      models,
    );
    expect(policy.allow_models).toEqual([]);
  });

  it("takes the key's strong-share monitor settings, but the lower ceiling", () => {
    const deployment: KeyPolicy = { name: "d", strong_share: { allowance: 0.05, ceiling: 0.4 } };
    const policy = effectivePolicy(deployment, key({ strong_share: { allowance: 0.1, ceiling: 0.6 } }), models);
    expect(policy.strong_share).toEqual({ allowance: 0.1, ceiling: 0.4 });
    expect(effectivePolicy(deployment, key({}), models).strong_share).toEqual({ allowance: 0.05, ceiling: 0.4 });
    expect(effectivePolicy(OPEN_POLICY, key({}), models).strong_share).toBeUndefined();
  });
});
