// A request's budget reservation (budget-ledger.ts), from the Worker's side. Before any upstream call
// the key's Durable Object reserves the request's worst case: its input counted at its upper bound
// (select/estimate-tokens.ts) plus its max_tokens (the model's output ceiling when the caller set
// none) on the dearest candidate, capped at what the budget still has after spend and every other
// open reservation. A request that cannot afford its input and MIN_OUTPUT_TOKENS on its cheapest
// candidate gets 429 budget_exceeded before anything is sent. Each attempt's output is then capped
// (max_tokens upstream) at what the reservation still affords after earlier attempts of the request,
// so the request cannot cost more than it reserved; the actual cost settles the reservation.
import type { Identity } from "../schema/identity.ts";
import type { AttemptBudget } from "../dispatch/types.ts";
import type { Env } from "../env.ts";
import { RouterError } from "../errors.ts";
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { usageOf } from "../pricing/charges.ts";
import type { CanonicalRequest } from "../schema/canonical.ts";
import type { AttemptRecord } from "../schema/facts.ts";
import { actualCostUsd, costUsd, formatUsd } from "../pricing/cost.ts";
import { inputTokensUpperBound } from "../select/estimate-tokens.ts";
import type { Candidate } from "../select/selection.ts";
import { findModel } from "../pricing/find-model.ts";
import type { BudgetState } from "./budget-ledger.ts";
import { budgetLedgerFor, usageLimits } from "./key-usage.ts";
import { enqueueKeyStats } from "../stats/stats-buffer.ts";
import { dayOf, secondsToNextDay, secondsToNextMonth } from "./usage-types.ts";

/** The least output worth sending a request for (or the caller's max_tokens, when smaller). */
export const MIN_OUTPUT_TOKENS = 16;

export interface HoldContext {
  env: Env;
  identity: Identity;
  /** The reservation's id (one per request, or per shadow comparison). */
  holdId: string;
  /** A shadow comparison's hold: its refusal is no refused request in the stats. */
  shadow?: boolean;
  waitUntil: (promise: Promise<unknown>) => void;
  now?: () => number;
}

/** Cost of `input` tokens in and `output` out on `model` (long-context prices where they apply). */
const price = (model: CatalogModel, input: number, output: number) => costUsd(model.pricing, input, output);

/** Dollars per output token on `model` for a prompt of `input` tokens. */
const outputPrice = (model: CatalogModel, input: number) =>
  price(model, input, 1_000_000) / 1e6 - price(model, input, 0) / 1e6;

export class BudgetHold implements AttemptBudget {
  readonly grantedUsd: number;
  readonly state: BudgetState;
  private readonly ctx: HoldContext;
  private readonly models: readonly CatalogModel[];
  /** Input bounds of the requests sent on this hold (the request itself; a shadow's judge prompt). */
  private readonly inputBounds = new WeakMap<CanonicalRequest, number>();
  private readonly inputBound: number;
  private settled = false;
  /** Spent by earlier dispatches on this hold (a shadow comparison's answer, before its judge). */
  private committedUsd = 0;

  private readonly remainingUsd: number;

  constructor(
    ctx: HoldContext,
    models: readonly CatalogModel[],
    request: CanonicalRequest,
    granted: { grantedUsd: number; state: BudgetState; remainingUsd: number },
    inputBound: number,
  ) {
    this.remainingUsd = granted.remainingUsd;
    this.ctx = ctx;
    this.models = models;
    this.inputBound = inputBound;
    this.inputBounds.set(request, inputBound);
    this.grantedUsd = granted.grantedUsd;
    this.state = granted.state;
  }

  /** At most what an earlier attempt of this request can still cost. */
  private worstCost(record: AttemptRecord): number {
    const model = findModel(this.models, record.model);
    if (!model) return 0;
    if (record.charge?.basis === "usage") return actualCostUsd(model, record.charge.usage);
    if (record.outcome === "failed" && !record.charge) return 0; // refused with an HTTP error: not billed
    if (record.charge && !record.charge.outputUnseen) {
      const seen = usageOf(record.charge, { inputTokens: this.inputBound, outputTokens: 0 });
      return actualCostUsd(model, seen);
    }
    // In flight, or it may have generated output nobody saw: up to its cap.
    return price(model, this.inputBound, record.maxTokens ?? model.maxOutputTokens);
  }

  private boundOf(request: CanonicalRequest): number {
    let bound = this.inputBounds.get(request);
    if (bound === undefined) this.inputBounds.set(request, (bound = inputTokensUpperBound(request)));
    return bound;
  }

  maxTokens(candidate: Candidate, earlier: readonly AttemptRecord[], request: CanonicalRequest): number | null {
    const model = candidate.model;
    const input = this.boundOf(request);
    const left = this.grantedUsd - this.committedUsd - earlier.reduce((sum, record) => sum + this.worstCost(record), 0);
    const wanted = request.maxTokens ?? model.maxOutputTokens;
    const perToken = outputPrice(model, input);
    const affordable = perToken > 0 ? Math.floor((left - price(model, input, 0)) / perToken) : Number.POSITIVE_INFINITY;
    if (affordable < Math.min(MIN_OUTPUT_TOKENS, wanted)) return null;
    return Math.min(wanted, affordable);
  }

  refusal(): RouterError {
    return budgetRefusal(
      "daily",
      0,
      this.ctx.now?.() ?? Date.now(),
      "no model the request could use fits what it reserved",
    );
  }

  /** What this request holds against the key's budget, and what the budget has left beside it. */
  headers(): Record<string, string> {
    return {
      "x-router-budget-reserved-usd": formatUsd(this.grantedUsd),
      "x-router-budget-remaining-usd": formatUsd(this.remainingUsd),
    };
  }

  /** Counts what an earlier dispatch on this hold cost, so later ones are capped by what is left. */
  commit(usd: number): void {
    if (usd > 0) this.committedUsd += usd;
  }

  /** Replaces the reservation by the request's actual cost (once; after the response). */
  settle(costUsd: number): void {
    if (this.settled) return;
    this.settled = true;
    const { env, identity, holdId } = this.ctx;
    const now = this.ctx.now?.() ?? Date.now();
    const settled = budgetLedgerFor(env)
      .settle(identity.id, { id: holdId, now, costUsd })
      .catch((error: unknown) =>
        // The reservation expires and is booked at its full amount: the safe side.
        console.error(
          JSON.stringify({ level: "error", event: "budget_settle_failed", key_id: identity.id, error: String(error) }),
        ),
      );
    this.ctx.waitUntil(settled);
  }
}

function budgetRefusal(window: "daily" | "monthly", availableUsd: number, now: number, why: string): RouterError {
  const resetSeconds = window === "daily" ? secondsToNextDay(now) : secondsToNextMonth(now);
  return new RouterError(
    `This key's ${window} budget cannot cover this request: $${formatUsd(availableUsd)} is left after spend and open reservations; ${why}. It resets in ${resetSeconds} s.`,
    {
      status: 429,
      type: "rate_limit_error",
      code: "budget_exceeded",
      param: `policy.budget_usd.${window}`,
      headers: { "retry-after": String(resetSeconds), "x-router-budget-remaining-usd": formatUsd(availableUsd) },
    },
  );
}

const unavailable = () =>
  new RouterError("The key's budget cannot be checked right now; retry shortly.", {
    status: 503,
    type: "api_error",
    code: "budget_unavailable",
    headers: { "retry-after": "1" },
  });

/**
 * Reserves the request's worst case against the key's budgets; undefined when the key has none.
 * `candidates`: the models the request may be sent to (primary and fallbacks); `models`: the
 * catalog's, which price its attempts.
 */
export async function reserveBudget(
  ctx: HoldContext,
  models: readonly CatalogModel[],
  request: CanonicalRequest,
  candidates: readonly Candidate[],
): Promise<BudgetHold | undefined> {
  const limits = usageLimits(ctx.identity, ctx.env);
  if (limits.daily === undefined && limits.monthly === undefined) return undefined;
  const now = ctx.now?.() ?? Date.now();
  const inputBound = inputTokensUpperBound(request);
  const worst = (model: CatalogModel) => price(model, inputBound, request.maxTokens ?? model.maxOutputTokens);
  const least = (model: CatalogModel) =>
    price(model, inputBound, Math.min(MIN_OUTPUT_TOKENS, request.maxTokens ?? MIN_OUTPUT_TOKENS));
  const wantUsd = Math.max(...candidates.map((c) => worst(c.model)));
  const minUsd = Math.min(...candidates.map((c) => least(c.model)));
  let result;
  try {
    result = await budgetLedgerFor(ctx.env).reserve(ctx.identity.id, {
      id: ctx.holdId,
      now,
      wantUsd,
      minUsd,
      limits: { daily: limits.daily, monthly: limits.monthly },
    });
  } catch (error) {
    // No reservation, no spending: a budget that cannot be checked is not a budget that holds.
    console.error(
      JSON.stringify({ level: "error", event: "budget_reserve_failed", key_id: ctx.identity.id, error: String(error) }),
    );
    throw unavailable();
  }
  if (!result.ok) {
    if (!ctx.shadow) {
      // Admitted by the gate, refused here: a budget refusal in the stats, not a routed request.
      const row = { day: dayOf(now), key: ctx.identity.id, budgetRejected: 1, requests: -1 };
      enqueueKeyStats(ctx.env, ctx.waitUntil, row);
    }
    const why = `it needs at least $${formatUsd(minUsd)} (its input, counted at its upper bound, and ${MIN_OUTPUT_TOKENS} output tokens)`;
    throw budgetRefusal(result.window, result.availableUsd, now, why);
  }
  const left = (limit: number | undefined, window: { spentUsd: number; reservedUsd: number }) =>
    limit === undefined ? Infinity : limit - window.spentUsd - window.reservedUsd;
  const remainingUsd = Math.max(
    0,
    Math.min(left(limits.daily, result.state.day), left(limits.monthly, result.state.month)),
  );
  return new BudgetHold(ctx, models, request, { ...result, remainingUsd }, inputBound);
}
