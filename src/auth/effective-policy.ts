// The policy a request runs under: ROUTER_POLICY narrowed by the key's own policy. Restrictions
// combine so the stricter wins (lower max_tier, intersected allow lists, united deny lists, lower
// max_cost_usd); a key can never reach what the deployment forbids. Budgets and the rate limit are
// quantities: a key's own replace the deployment's defaults (see usage/key-usage.ts).
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { tierRank } from "../schema/canonical.ts";
import { listed } from "../select/constraints.ts";
import type { KeyPolicy } from "../schema/policy.ts";
import type { Identity } from "../schema/identity.ts";

const union = (a?: string[], b?: string[]) => (a && b ? [...new Set([...a, ...b])] : (a ?? b));

export function effectivePolicy(deployment: KeyPolicy, identity: Identity, models: readonly CatalogModel[]): KeyPolicy {
  if (identity.kind === "open") return deployment;
  const own = identity.policy;
  const policy: KeyPolicy = { name: deployment.name === "open" ? own.name : `${deployment.name}/${own.name}` };
  const tiers = [deployment.max_tier, own.max_tier].filter((t) => t !== undefined);
  if (tiers.length > 0) policy.max_tier = tiers.reduce((a, b) => (tierRank(a) <= tierRank(b) ? a : b));
  if (deployment.allow_providers && own.allow_providers) {
    policy.allow_providers = own.allow_providers.filter((p) => deployment.allow_providers!.includes(p));
  } else if (deployment.allow_providers ?? own.allow_providers) {
    policy.allow_providers = deployment.allow_providers ?? own.allow_providers;
  }
  if (deployment.allow_models && own.allow_models) {
    // Lists may name a model by catalog id or upstream name: intersect on catalog ids.
    policy.allow_models = models
      .filter((m) => listed(deployment.allow_models!, m) && listed(own.allow_models!, m))
      .map((m) => m.id);
  } else if (deployment.allow_models ?? own.allow_models) {
    policy.allow_models = deployment.allow_models ?? own.allow_models;
  }
  const denyProviders = union(deployment.deny_providers, own.deny_providers);
  if (denyProviders) policy.deny_providers = denyProviders;
  const denyModels = union(deployment.deny_models, own.deny_models);
  if (denyModels) policy.deny_models = denyModels;
  const costs = [deployment.max_cost_usd, own.max_cost_usd].filter((c) => c !== undefined);
  if (costs.length > 0) policy.max_cost_usd = Math.min(...costs);
  const budget = { ...deployment.budget_usd, ...own.budget_usd };
  if (budget.daily !== undefined || budget.monthly !== undefined) policy.budget_usd = budget;
  const rate = own.rate_limit ?? deployment.rate_limit;
  if (rate) policy.rate_limit = rate;
  // The strong-share monitor: the key's settings replace the deployment's, but the lower ceiling wins.
  const share = { ...deployment.strong_share, ...own.strong_share };
  const ceilings = [deployment.strong_share?.ceiling, own.strong_share?.ceiling].filter((c) => c !== undefined);
  if (ceilings.length > 0) share.ceiling = Math.min(...ceilings);
  if (Object.keys(share).length > 0) policy.strong_share = share;
  return policy;
}
