// Test fixtures for the selector and what is built on it (escalation, downward shadows): a
// catalog model with sensible defaults, and a neutral selection input over a catalog.
import type { CatalogModel } from "../../src/pricing/catalog-schema.ts";
import { OPEN_POLICY } from "../../src/schema/policy.ts";
import type { SelectionInput } from "../../src/select/selection.ts";

export const catalogModel = (
  id: string,
  maxTier: CatalogModel["maxTier"],
  input: number,
  output: number,
  extra: Partial<CatalogModel> = {},
): CatalogModel => ({
  id,
  provider: id.split("/")[0] as CatalogModel["provider"],
  upstreamModel: id.split("/")[1]!,
  pricing: { input, output },
  contextWindow: 128_000,
  maxOutputTokens: 16_000,
  capabilities: ["tools", "json", "streaming"],
  maxTier,
  latency: { ttftMs: 500, tokensPerSecond: 100 },
  ...extra,
});

/** Balanced, open policy, no constraints, 1,000 tokens in and 200 out, at most 3 candidates. */
export const selectionInput = (models: CatalogModel[], baselineId: string): SelectionInput => ({
  models,
  availableProviders: new Set(models.map((m) => m.provider)),
  tier: "simple",
  uncertain: false,
  objective: "balanced",
  options: {},
  policy: OPEN_POLICY,
  needs: [],
  inputTokens: 1000,
  outputTokens: 200,
  observedLatency: new Map(),
  baselineId,
  maxCandidates: 3,
});
