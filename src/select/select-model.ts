// The selector: a pure function from (decision, catalog, constraints, policy, observations) to
// ranked candidates. No I/O, no clock: the same input always gives the same answer.
//
// 1. Filter the catalog (each filter names the constraint it enforces, so an empty result says
//    which one failed): reachable provider, key policy, request allow/deny lists, capabilities,
//    context window, policy tier cap.
// 2. Tier floor (tier-floor.ts); keep models serving it. If none is reachable, serve the best
//    tier there is and say so (tier cap "availability"), unless min_tier demanded it.
// 3. Cost and latency ceilings (request and policy) on what is left.
// 4. Rank (rank.ts): expected cost (auto:cost, auto:quality), expected latency (auto:latency), or
//    both relative to the best candidate (auto:balanced); ties by cost, then id. A sticky
//    conversation's model (else provider) goes first when within STICKY_MARGIN of the best.
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { tierRank, TIERS } from "../schema/canonical.ts";
import { costUsd } from "../pricing/cost.ts";
import { findModel } from "../pricing/find-model.ts";
import { estimateLatencyMs, latencyHintFor } from "./latency-estimate.ts";
import { closestModelIds } from "./closest-models.ts";
import { applyConstraints, CEILINGS, failure, POOL_FILTERS } from "./constraints.ts";
import type { Candidate, Selection, SelectionInput, TierCap } from "./selection.ts";
import { rankCandidates } from "./rank.ts";
import { tierFloor } from "./tier-floor.ts";

export function selectModels(input: SelectionInput): Selection {
  const { options, policy, inputTokens, outputTokens } = input;
  const requested = input.requestedModel ? findModel(input.models, input.requestedModel) : undefined;
  if (input.requestedModel && !requested) {
    const reachable = input.models.filter((model) => input.availableProviders.has(model.provider));
    const closest = closestModelIds(reachable.length > 0 ? reachable : input.models, input.requestedModel);
    throw failure(
      "model",
      `The model '${input.requestedModel.slice(0, 128)}' does not exist in the router's catalog. ` +
        `Closest: ${closest.join(", ")}; or "auto" to let the router choose (GET /v1/models lists all).`,
      404,
      "model_not_found",
    );
  }

  const policyCap = policy.max_tier;
  if (policyCap && options.min_tier && tierRank(options.min_tier) > tierRank(policyCap)) {
    throw failure(
      "router.min_tier",
      `min_tier '${options.min_tier}' is above the policy's max_tier '${policyCap}'`,
      403,
      "policy_violation",
    );
  }

  const pool = applyConstraints(
    input.models,
    POOL_FILTERS,
    input,
    input.tier,
    requested && { item: requested, id: requested.id },
  );

  // Tier floor, then the policy cap on it, then what is reachable.
  // A requested model sets the floor itself (its fallbacks must be as capable); objective bumps
  // and stickiness do not apply to it.
  const floor = tierFloor({
    decided: input.tier,
    uncertain: !requested && input.uncertain,
    objective: requested ? "cost" : input.objective,
    minTier: options.min_tier,
    stickyTier: requested ? undefined : input.sticky?.tier,
    requestedTier: requested?.maxTier,
  });
  let served = tierRank(floor.tier);
  let tierCap: TierCap | undefined;
  if (policyCap && served > tierRank(policyCap)) {
    tierCap = { wanted: floor.tier, served: policyCap, by: "policy" };
    served = tierRank(policyCap);
  }
  const monitorCap = input.strongShareCap;
  // An explicit min_tier counts against the monitor's cap like the router's own choice (else a
  // flagged key would simply ask for the top tier), unless the key's policy allows explicit tiers.
  const explicit = options.min_tier && monitorCap && tierRank(options.min_tier) > tierRank(monitorCap);
  if (explicit && !requested && policy.strong_share?.explicit_tiers !== true) {
    throw failure(
      "router.min_tier",
      `This key's top-tier share is over its limit (router-gaming monitor, see x-router-strong-share): ` +
        `min_tier '${options.min_tier}' cannot be served above '${monitorCap}' until it falls back.`,
      429,
      "strong_share_limited",
    );
  }
  const asked = requested !== undefined || explicit;
  if (monitorCap && !asked && served > tierRank(monitorCap)) {
    tierCap = { wanted: floor.tier, served: monitorCap, by: "monitor" };
    served = tierRank(monitorCap);
  }
  let tierPool = pool.filter((m) => tierRank(m.maxTier) >= served);
  if (tierPool.length === 0) {
    const best = Math.max(...pool.map((m) => tierRank(m.maxTier)));
    if (options.min_tier && tierRank(options.min_tier) > best) {
      throw failure("router.min_tier", `No eligible model: no remaining model serves tier '${options.min_tier}'`);
    }
    tierCap = { wanted: tierCap?.wanted ?? floor.tier, served: TIERS[best]!, by: tierCap?.by ?? "availability" };
    served = best;
    tierPool = pool.filter((m) => tierRank(m.maxTier) === best);
  }

  if (requested && !tierPool.includes(requested)) {
    throw failure(
      "router.min_tier",
      `'${requested.id}' serves tier '${requested.maxTier}', below min_tier '${options.min_tier}'`,
    );
  }

  const sticky = requested ? undefined : input.sticky;
  const estimate = (model: CatalogModel): Candidate => ({
    model,
    estCostUsd: costUsd(
      model.pricing,
      inputTokens,
      outputTokens,
      sticky?.model === model.id ? (input.cachedPrefixTokens ?? 0) : 0,
    ),
    estLatencyMs: estimateLatencyMs(latencyHintFor(model, input.observedLatency), outputTokens),
  });
  const estimated = tierPool.map(estimate);
  const requestedCandidate = requested && estimated[tierPool.indexOf(requested)]!;
  const eligible = applyConstraints(
    estimated,
    CEILINGS,
    input,
    TIERS[served]!,
    requested && { item: requestedCandidate!, id: requested.id },
  );
  const { candidates, stickiness } = rankCandidates(
    eligible,
    input.objective,
    Math.max(1, input.maxCandidates),
    sticky,
    requested?.id,
  );

  const baseline = findModel(input.models, input.baselineId);
  return {
    candidates,
    decidedTier: input.tier,
    servedTier: TIERS[served]!,
    floor,
    tierCap,
    tierCapped: tierCap !== undefined,
    baselineCostUsd: baseline ? costUsd(baseline.pricing, inputTokens, outputTokens) : 0,
    policy: policy.name,
    stickiness,
  };
}
