// The selector's constraints: each filter names the parameter it enforces, so an empty result
// (or a requested model dropping out) becomes a 4xx that says which constraint failed.
import { RouterError } from "../errors.ts";
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { tierRank, type Tier } from "../schema/canonical.ts";
import type { Capability } from "../schema/router-options.ts";
import type { Candidate, SelectionInput } from "./selection.ts";

export const failure = (
  param: string,
  message: string,
  status = 400,
  code = "no_eligible_model",
  headers?: Record<string, string>,
) =>
  new RouterError(message, {
    status,
    type: status === 403 ? "permission_error" : status === 429 ? "rate_limit_error" : "invalid_request_error",
    param,
    code,
    ...(headers ? { headers } : {}),
  });

/** Capabilities that a request field asks of the answer itself, and the field that asks. */
const OUTPUT_NEEDS: [Capability, string][] = [
  ["logprobs", "logprobs"],
  ["web_search", "web_search_options"],
];

export const listed = (list: readonly string[], model: CatalogModel) =>
  list.includes(model.id) || list.includes(model.upstreamModel);

export interface Filter {
  param: string;
  message: string;
  status?: number;
  keep: (model: CatalogModel) => boolean;
}

export function applyFilters(pool: CatalogModel[], filters: Filter[], requested: CatalogModel | undefined) {
  for (const filter of filters) {
    const next = pool.filter(filter.keep);
    if (requested && pool.includes(requested) && !next.includes(requested)) {
      throw failure(filter.param, `'${requested.id}' cannot be used: ${filter.message}`, filter.status);
    }
    if (next.length === 0) throw failure(filter.param, `No eligible model: ${filter.message}`, filter.status);
    pool = next;
  }
  return pool;
}

/** Catalog filters, in the order their failures are reported: reachability, policy, request, fit. */
export function poolFilters(input: SelectionInput): Filter[] {
  const { options, policy, inputTokens, outputTokens } = input;
  const policyCap = policy.max_tier;
  return [
    {
      param: "model",
      message: "its provider is not configured",
      keep: (m) => input.availableProviders.has(m.provider),
    },
    {
      param: "policy.allow_providers",
      message: "the policy allows none of the remaining providers",
      status: 403,
      keep: (m) => !policy.allow_providers || policy.allow_providers.includes(m.provider),
    },
    {
      param: "policy.deny_providers",
      message: "the policy denies every remaining provider",
      status: 403,
      keep: (m) => !policy.deny_providers?.includes(m.provider),
    },
    {
      param: "policy.allow_models",
      message: "the policy allows none of the remaining models",
      status: 403,
      keep: (m) => !policy.allow_models || listed(policy.allow_models, m),
    },
    {
      param: "policy.deny_models",
      message: "the policy denies every remaining model",
      status: 403,
      keep: (m) => !policy.deny_models || !listed(policy.deny_models, m),
    },
    {
      param: "policy.max_tier",
      message: `the policy caps the tier at '${policyCap}'`,
      status: 403,
      keep: (m) => !policyCap || tierRank(m.maxTier) <= tierRank(policyCap),
    },
    {
      param: "router.allow_providers",
      message: "no model from the allowed providers",
      keep: (m) => !options.allow_providers || options.allow_providers.includes(m.provider),
    },
    {
      param: "router.deny_providers",
      message: "every remaining provider is denied",
      keep: (m) => !options.deny_providers?.includes(m.provider),
    },
    {
      param: "router.allow_models",
      message: "none of the allowed models is available",
      keep: (m) => !options.allow_models || listed(options.allow_models, m),
    },
    {
      param: "router.deny_models",
      message: "every remaining model is denied",
      keep: (m) => !options.deny_models || !listed(options.deny_models, m),
    },
    // Output constraints first, each naming its field: they change what the answer must contain.
    ...OUTPUT_NEEDS.filter(([need]) => input.needs.includes(need)).map(([need, param]) => ({
      param,
      message: `'${param}' needs a model with the '${need}' capability, and no remaining model has it`,
      keep: (m: CatalogModel) => m.capabilities.includes(need),
    })),
    {
      param: "messages",
      message: `the request needs capabilities (${input.needs.join(", ")}) no remaining model has`,
      keep: (m) => input.needs.every((need) => m.capabilities.includes(need)),
    },
    {
      param: "router.require",
      message: "no remaining model has every required capability",
      keep: (m) => (options.require ?? []).every((need) => m.capabilities.includes(need)),
    },
    {
      param: "messages",
      message: "the prompt does not fit any remaining model's context window",
      keep: (m) => inputTokens + Math.min(outputTokens, m.maxOutputTokens) <= m.contextWindow,
    },
  ];
}

export interface Ceiling {
  param: string;
  message: string;
  status?: number;
  code?: string;
  headers?: Record<string, string>;
  keep: (candidate: Candidate) => boolean;
}

export function applyCeilings(
  pool: Candidate[],
  ceilings: Ceiling[],
  requested: CatalogModel | undefined,
): Candidate[] {
  for (const ceiling of ceilings) {
    const next = pool.filter(ceiling.keep);
    const lostRequested =
      requested && pool.some((c) => c.model === requested) && !next.some((c) => c.model === requested);
    if (lostRequested || next.length === 0) {
      const prefix = lostRequested ? `'${requested.id}' cannot be used` : "No eligible model";
      throw failure(ceiling.param, `${prefix}: ${ceiling.message}`, ceiling.status, ceiling.code, ceiling.headers);
    }
    pool = next;
  }
  return pool;
}

/** Ceilings on what serves the floor: a ceiling never silently lowers the tier. */
export function ceilings(input: SelectionInput, served: Tier): Ceiling[] {
  const { options, policy } = input;
  const requestCeiling = options.max_cost_usd;
  return [
    {
      param: "router.max_cost_usd",
      message: `no model serving tier '${served}' is estimated under max_cost_usd=${requestCeiling}`,
      keep: (c) => requestCeiling === undefined || c.estCostUsd <= requestCeiling,
    },
    {
      param: "policy.max_cost_usd",
      message: `no model serving tier '${served}' is estimated under the policy's max_cost_usd=${policy.max_cost_usd}`,
      status: 403,
      keep: (c) => policy.max_cost_usd === undefined || c.estCostUsd <= policy.max_cost_usd,
    },
    {
      // Budget exhaustion is a 429 (wait for the window to reset), as when the usage gate refuses.
      param: "policy.budget_usd",
      message: "the key's remaining budget does not cover this request",
      status: 429,
      code: "budget_exceeded",
      ...(input.budgetResetSeconds !== undefined
        ? { headers: { "retry-after": String(input.budgetResetSeconds) } }
        : {}),
      keep: (c) => input.budgetRemainingUsd === undefined || c.estCostUsd <= input.budgetRemainingUsd,
    },
    {
      param: "router.max_latency_ms",
      message: `no model serving tier '${served}' is estimated under max_latency_ms=${options.max_latency_ms}`,
      keep: (c) => options.max_latency_ms === undefined || c.estLatencyMs <= options.max_latency_ms,
    },
  ];
}
