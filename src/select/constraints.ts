// The selector's constraints: each names the parameter it enforces, so an empty result (or a
// requested model dropping out) becomes a 4xx that says which constraint failed.
//
// They are static descriptors, checked in one pass per candidate with no intermediate arrays or
// per-request closures (the selector runs on every `auto` request). Applying them one after another,
// each on what the one before kept, fails at the first constraint that empties the pool or drops the
// requested model; applyConstraints reports exactly that failure (see there).
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

export const listed = (list: readonly string[], model: CatalogModel) =>
  list.includes(model.id) || list.includes(model.upstreamModel);

export interface Constraint<T> {
  param: string;
  status?: number;
  code?: string;
  /** Whether the request or policy sets this constraint at all (if not, everything passes it). */
  applies: (input: SelectionInput) => boolean;
  keep: (item: T, input: SelectionInput) => boolean;
  /** Why nothing (or the requested model) passed; `served` is the tier the pool serves. */
  message: (input: SelectionInput, served: Tier) => string;
  headers?: (input: SelectionInput) => Record<string, string> | undefined;
}

/** A capability a request field asks of the answer itself, enforced under that field's name. */
const outputNeed = (need: Capability, param: string): Constraint<CatalogModel> => ({
  param,
  applies: (input) => input.needs.includes(need),
  keep: (m) => m.capabilities.includes(need),
  message: () => `'${param}' needs a model with the '${need}' capability, and no remaining model has it`,
});

/** Catalog filters, in the order their failures are reported: reachability, policy, request, fit. */
export const POOL_FILTERS: readonly Constraint<CatalogModel>[] = [
  {
    // Always applies: an empty catalog fails here.
    param: "model",
    applies: () => true,
    keep: (m, input) => input.availableProviders.has(m.provider),
    message: () => "its provider is not configured",
  },
  {
    param: "policy.allow_providers",
    status: 403,
    applies: (input) => Boolean(input.policy.allow_providers),
    keep: (m, input) => input.policy.allow_providers!.includes(m.provider),
    message: () => "the policy allows none of the remaining providers",
  },
  {
    param: "policy.deny_providers",
    status: 403,
    applies: (input) => Boolean(input.policy.deny_providers),
    keep: (m, input) => !input.policy.deny_providers!.includes(m.provider),
    message: () => "the policy denies every remaining provider",
  },
  {
    param: "policy.allow_models",
    status: 403,
    applies: (input) => Boolean(input.policy.allow_models),
    keep: (m, input) => listed(input.policy.allow_models!, m),
    message: () => "the policy allows none of the remaining models",
  },
  {
    param: "policy.deny_models",
    status: 403,
    applies: (input) => Boolean(input.policy.deny_models),
    keep: (m, input) => !listed(input.policy.deny_models!, m),
    message: () => "the policy denies every remaining model",
  },
  {
    param: "policy.max_tier",
    status: 403,
    applies: (input) => Boolean(input.policy.max_tier),
    keep: (m, input) => tierRank(m.maxTier) <= tierRank(input.policy.max_tier!),
    message: (input) => `the policy caps the tier at '${input.policy.max_tier}'`,
  },
  {
    param: "router.allow_providers",
    applies: (input) => Boolean(input.options.allow_providers),
    keep: (m, input) => input.options.allow_providers!.includes(m.provider),
    message: () => "no model from the allowed providers",
  },
  {
    param: "router.deny_providers",
    applies: (input) => Boolean(input.options.deny_providers),
    keep: (m, input) => !input.options.deny_providers!.includes(m.provider),
    message: () => "every remaining provider is denied",
  },
  {
    param: "router.allow_models",
    applies: (input) => Boolean(input.options.allow_models),
    keep: (m, input) => listed(input.options.allow_models!, m),
    message: () => "none of the allowed models is available",
  },
  {
    param: "router.deny_models",
    applies: (input) => Boolean(input.options.deny_models),
    keep: (m, input) => !listed(input.options.deny_models!, m),
    message: () => "every remaining model is denied",
  },
  // Output constraints first, each naming its field: they change what the answer must contain.
  outputNeed("logprobs", "logprobs"),
  outputNeed("web_search", "web_search_options"),
  {
    param: "messages",
    applies: (input) => input.needs.length > 0,
    keep: (m, input) => input.needs.every((need) => m.capabilities.includes(need)),
    message: (input) => `the request needs capabilities (${input.needs.join(", ")}) no remaining model has`,
  },
  {
    param: "router.require",
    applies: (input) => (input.options.require?.length ?? 0) > 0,
    keep: (m, input) => input.options.require!.every((need) => m.capabilities.includes(need)),
    message: () => "no remaining model has every required capability",
  },
  {
    param: "messages",
    applies: () => true,
    keep: (m, input) => input.inputTokens + Math.min(input.outputTokens, m.maxOutputTokens) <= m.contextWindow,
    message: () => "the prompt does not fit any remaining model's context window",
  },
];

/** Ceilings on what serves the floor: a ceiling never silently lowers the tier. */
export const CEILINGS: readonly Constraint<Candidate>[] = [
  {
    param: "router.max_cost_usd",
    applies: (input) => input.options.max_cost_usd !== undefined,
    keep: (c, input) => c.estCostUsd <= input.options.max_cost_usd!,
    message: (input, served) =>
      `no model serving tier '${served}' is estimated under max_cost_usd=${input.options.max_cost_usd}`,
  },
  {
    param: "policy.max_cost_usd",
    status: 403,
    applies: (input) => input.policy.max_cost_usd !== undefined,
    keep: (c, input) => c.estCostUsd <= input.policy.max_cost_usd!,
    message: (input, served) =>
      `no model serving tier '${served}' is estimated under the policy's max_cost_usd=${input.policy.max_cost_usd}`,
  },
  {
    // Budget exhaustion is a 429 (wait for the window to reset), as when the usage gate refuses.
    param: "policy.budget_usd",
    status: 429,
    code: "budget_exceeded",
    applies: (input) => input.budgetRemainingUsd !== undefined,
    keep: (c, input) => c.estCostUsd <= input.budgetRemainingUsd!,
    message: () => "the key's remaining budget does not cover this request",
    headers: (input) =>
      input.budgetResetSeconds !== undefined ? { "retry-after": String(input.budgetResetSeconds) } : undefined,
  },
  {
    param: "router.max_latency_ms",
    applies: (input) => input.options.max_latency_ms !== undefined,
    keep: (c, input) => c.estLatencyMs <= input.options.max_latency_ms!,
    message: (input, served) =>
      `no model serving tier '${served}' is estimated under max_latency_ms=${input.options.max_latency_ms}`,
  },
];

/**
 * The items that pass every constraint that applies, in their order. Applied one after another, the
 * constraints would fail at the first one that drops the requested item (`requested`, if any) or
 * leaves nothing: the requested item is dropped by the first constraint rejecting it, and the pool
 * is empty after the last constraint that rejects the last survivor, i.e. the largest "first
 * constraint rejecting it" over all items. Both are found in one pass; the requested item's
 * failure comes first (nothing can empty the pool before it is dropped).
 */
export function applyConstraints<T>(
  items: readonly T[],
  constraints: readonly Constraint<T>[],
  input: SelectionInput,
  served: Tier,
  requested: { item: T; id: string } | undefined,
): readonly T[] {
  const applying: Constraint<T>[] = [];
  const index: number[] = []; // applying[k] is constraints[index[k]]
  for (let i = 0; i < constraints.length; i++) {
    if (constraints[i]!.applies(input)) {
      applying.push(constraints[i]!);
      index.push(i);
    }
  }
  let kept: T[] | undefined; // created at the first rejection: until then, the kept items are a prefix of `items`
  let emptiedBy = 0; // the largest first-rejecting index; 0 for no items (the first always applies)
  for (let n = 0; n < items.length; n++) {
    const item = items[n]!;
    let k = 0;
    while (k < applying.length && applying[k]!.keep(item, input)) k++;
    if (k === applying.length) {
      kept?.push(item);
      continue;
    }
    if (requested && item === requested.item) {
      throw refusal(constraints[index[k]!]!, `'${requested.id}' cannot be used`, input, served);
    }
    kept ??= items.slice(0, n);
    if (index[k]! > emptiedBy) emptiedBy = index[k]!;
  }
  if (!kept) return items.length > 0 ? items : refused(constraints[0]!, input, served);
  return kept.length > 0 ? kept : refused(constraints[emptiedBy]!, input, served);
}

function refused<T>(constraint: Constraint<T>, input: SelectionInput, served: Tier): never {
  throw refusal(constraint, "No eligible model", input, served);
}

function refusal<T>(constraint: Constraint<T>, prefix: string, input: SelectionInput, served: Tier) {
  const { param, status, code } = constraint;
  return failure(param, `${prefix}: ${constraint.message(input, served)}`, status, code, constraint.headers?.(input));
}
