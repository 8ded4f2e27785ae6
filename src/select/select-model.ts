// The selector: a pure function from (decision, catalog, constraints) to ranked
// candidates. No I/O, no clock: the same input always gives the same answer.
import { RouterError } from "../errors";
import type { CatalogModel } from "../pricing/catalog-schema";
import { tierRank, TIERS, type Tier } from "../schema/canonical";
import type { Capability, Objective, RouterOptions } from "../schema/router-options";

export interface SelectionInput {
  models: readonly CatalogModel[];
  /** Provider ids this deployment can reach. */
  availableProviders: ReadonlySet<string>;
  tier: Tier;
  objective: Objective;
  options: RouterOptions;
  needs: readonly Capability[];
  inputTokens: number;
  /** Predicted completion tokens. */
  outputTokens: number;
  /** A concrete model the caller asked for: it goes first, fallbacks follow. */
  requestedModel?: string;
  baselineId: string;
  maxCandidates: number;
}

export interface Candidate {
  model: CatalogModel;
  estCostUsd: number;
}

export interface Selection {
  candidates: Candidate[];
  /** The tier that was served; lower than asked only when no reachable model serves more. */
  servedTier: Tier;
  tierCapped: boolean;
  baselineCostUsd: number;
}

export function estimateCostUsd(model: CatalogModel, inputTokens: number, outputTokens: number): number {
  return (inputTokens * model.pricing.input + outputTokens * model.pricing.output) / 1_000_000;
}

export function estimateLatencyMs(model: CatalogModel, outputTokens: number): number {
  const latency = model.latency ?? { ttftMs: 1000, tokensPerSecond: 50 };
  return latency.ttftMs + (outputTokens / latency.tokensPerSecond) * 1000;
}

const noEligibleModel = (constraint: string, message: string) =>
  new RouterError(`No eligible model: ${message}`, {
    status: 400,
    type: "invalid_request_error",
    param: constraint,
    code: "no_eligible_model",
  });

export function findModel(models: readonly CatalogModel[], id: string): CatalogModel | undefined {
  return models.find((model) => model.id === id) ?? models.find((model) => model.upstreamModel === id);
}

type Filter = [constraint: string, message: string, keep: (model: CatalogModel) => boolean];

export function selectModels(input: SelectionInput): Selection {
  const { options, inputTokens, outputTokens } = input;
  const cost = (model: CatalogModel) => estimateCostUsd(model, inputTokens, outputTokens);
  const matchesList = (list: readonly string[], model: CatalogModel) =>
    list.includes(model.id) || list.includes(model.upstreamModel);

  const requested = input.requestedModel ? findModel(input.models, input.requestedModel) : undefined;
  if (input.requestedModel && !requested) {
    throw new RouterError(`The model '${input.requestedModel}' does not exist in the router's catalog.`, {
      status: 404,
      type: "invalid_request_error",
      param: "model",
      code: "model_not_found",
    });
  }

  if (requested && !input.availableProviders.has(requested.provider)) {
    throw noEligibleModel("model", `provider '${requested.provider}' of '${requested.id}' is not configured`);
  }

  // Each filter names the constraint it enforces, so an empty result says which one failed.
  const filters: Filter[] = [
    ["model", "no provider of the catalog's models is configured", (m) => input.availableProviders.has(m.provider)],
    [
      "router.allow_providers",
      "no model from the allowed providers",
      (m) => !options.allow_providers || options.allow_providers.includes(m.provider),
    ],
    [
      "router.deny_providers",
      "every remaining provider is denied",
      (m) => !options.deny_providers?.includes(m.provider),
    ],
    [
      "router.allow_models",
      "none of the allowed models is available",
      (m) => !options.allow_models || matchesList(options.allow_models, m),
    ],
    [
      "router.deny_models",
      "every remaining model is denied",
      (m) => !options.deny_models || !matchesList(options.deny_models, m),
    ],
    [
      "messages",
      "the request needs capabilities no remaining model has",
      (m) => input.needs.every((need) => m.capabilities.includes(need)),
    ],
    [
      "router.require",
      "no remaining model has every required capability",
      (m) => (options.require ?? []).every((need) => m.capabilities.includes(need)),
    ],
    [
      "messages",
      "the prompt does not fit any remaining model's context window",
      (m) => inputTokens + Math.min(outputTokens, m.maxOutputTokens) <= m.contextWindow,
    ],
    [
      "router.max_cost_usd",
      `no remaining model is estimated under max_cost_usd=${options.max_cost_usd}`,
      (m) => options.max_cost_usd === undefined || cost(m) <= options.max_cost_usd,
    ],
    [
      "router.max_latency_ms",
      `no remaining model is estimated under max_latency_ms=${options.max_latency_ms}`,
      (m) => options.max_latency_ms === undefined || estimateLatencyMs(m, outputTokens) <= options.max_latency_ms,
    ],
  ];

  let pool = [...input.models];
  for (const [constraint, message, keep] of filters) {
    const next = pool.filter(keep);
    if (next.length === 0) {
      throw noEligibleModel(constraint, message);
    }
    pool = next;
  }

  // The tier floor: the decided tier, raised by min_tier, and one more step for auto:quality.
  let floor = Math.max(tierRank(input.tier), options.min_tier ? tierRank(options.min_tier) : 0);
  if (input.objective === "quality") floor = Math.min(floor + 1, TIERS.length - 1);
  if (requested) floor = Math.max(floor, tierRank(requested.maxTier));

  let tierPool = pool.filter((m) => tierRank(m.maxTier) >= floor);
  let tierCapped = false;
  if (tierPool.length === 0) {
    if (options.min_tier && tierRank(options.min_tier) >= floor) {
      throw noEligibleModel("router.min_tier", `no remaining model serves tier '${options.min_tier}'`);
    }
    // No reachable model serves the decided tier: serve the best there is, and say so.
    const best = Math.max(...pool.map((m) => tierRank(m.maxTier)));
    tierPool = pool.filter((m) => tierRank(m.maxTier) === best);
    floor = best;
    tierCapped = true;
  }

  const ranked = tierPool
    .map((model) => ({ model, estCostUsd: cost(model) }))
    .sort((a, b) => {
      if (input.objective === "latency") {
        const byLatency = estimateLatencyMs(a.model, outputTokens) - estimateLatencyMs(b.model, outputTokens);
        if (byLatency !== 0) return byLatency;
      }
      return a.estCostUsd - b.estCostUsd || a.model.id.localeCompare(b.model.id);
    });

  if (requested) {
    const index = ranked.findIndex((candidate) => candidate.model.id === requested.id);
    if (index < 0) {
      throw noEligibleModel("model", `'${requested.id}' is excluded by the request's router constraints`);
    }
    ranked.unshift(...ranked.splice(index, 1));
  }

  const baseline = findModel(input.models, input.baselineId);
  return {
    candidates: ranked.slice(0, Math.max(1, input.maxCandidates)),
    servedTier: TIERS[floor]!,
    tierCapped,
    baselineCostUsd: baseline ? cost(baseline) : 0,
  };
}
