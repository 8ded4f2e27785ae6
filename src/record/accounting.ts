// The record stage for one routed request: what every upstream attempt cost (record/charges.ts),
// savings of the served answer against the baseline model, latency observations, usage stats, the
// key's spend (settling its budget hold when it has one) and sticky conversation state. Everything
// that does I/O goes through ctx.waitUntil, after the response.
import type { Identity } from "../schema/identity.ts";
import { estimated } from "../dispatch/attempt-charge.ts";
import type { AttemptRecord, DispatchOutcome } from "../dispatch/dispatch.ts";
import type { Env } from "../env.ts";
import type { RoutePlan } from "../pipeline/plan-route.ts";
import { writeSticky } from "../pipeline/sticky-store.ts";
import type { StreamPart, Usage } from "../schema/canonical.ts";
import { actualCostUsd, costUsd, formatUsd } from "../pricing/cost.ts";
import type { Candidate } from "../select/select-model.ts";
import { findModel } from "../pricing/find-model.ts";
import type { BudgetHold } from "../usage/budget-hold.ts";
import { recordKeySpend } from "../usage/key-usage.ts";
import { priceAttempts, priceCharge, totalCost, type PricedCharge } from "./charges.ts";
import { observeLatency } from "./latency-tracker.ts";
import { enqueueCharges, enqueueKeyStats, enqueueStats } from "../stats/stats-buffer.ts";
import type { StatsRow } from "../stats/stats-types.ts";
import { meterStream, type StreamMeter } from "./stream-meter.ts";

export interface AccountingContext {
  env: Env;
  waitUntil: (promise: Promise<unknown>) => void;
  requestId: string;
  /** The caller: its spend counts against its budgets. */
  identity?: Identity | undefined;
  /** The request's budget reservation, settled with what the request cost. */
  hold?: BudgetHold | undefined;
  now?: () => number;
}

export interface RequestCost {
  costUsd: number;
  baselineCostUsd: number;
}

const baselineCost = (plan: RoutePlan, usage: Usage) => {
  const baseline = findModel(plan.catalog.models, plan.baselineId);
  return baseline ? costUsd(baseline.pricing, usage.inputTokens, usage.outputTokens, usage.cachedInputTokens ?? 0) : 0;
};

/** Actual cost of `usage` on the served model and on the baseline (same tokens, same cache hits). */
export function requestCost(plan: RoutePlan, served: Candidate, usage: Usage): RequestCost {
  return { costUsd: actualCostUsd(served.model, usage), baselineCostUsd: baselineCost(plan, usage) };
}

const round = (usd: number) => Number(usd.toFixed(10));

type Outcome = Pick<DispatchOutcome, "candidate" | "attempts">;

const servedRecord = (attempts: readonly AttemptRecord[]) => attempts.findLast((r) => r.outcome === "served");

export function startAccounting(ctx: AccountingContext, plan: RoutePlan) {
  const now = ctx.now ?? Date.now;
  const dispatchedAt = now();
  const estimates = { inputTokens: plan.inputTokens, outputTokens: plan.outputTokens };
  const price = (attempts: readonly AttemptRecord[]) => priceAttempts(plan.catalog.models, attempts, estimates);

  /** Records a finished (or failed) request from its attempts; returns what it cost in all. */
  function finish(outcome: Outcome | undefined, attempts: readonly AttemptRecord[], timing: Partial<StreamMeter> = {}) {
    const charges = price(attempts);
    const total = totalCost(charges);
    const served = outcome ? charges.find((c) => c.kind === "served") : undefined;
    const at = now();
    const day = new Date(at).toISOString().slice(0, 10);
    const key = ctx.identity?.id ?? "open";
    // Latency of fallback chains would blame the served model for the failed attempts' time.
    if (outcome && attempts.length === 1 && timing.completed !== false) {
      observeLatency({
        model: outcome.candidate.model.id,
        prior: outcome.candidate.model.latency,
        outputTokens: served?.basis === "usage" ? served.usage.outputTokens : undefined,
        ...(timing.firstTokenAt !== undefined
          ? { ttftMs: timing.firstTokenAt - dispatchedAt, generationMs: (timing.endAt ?? now()) - timing.firstTokenAt }
          : { totalMs: now() - dispatchedAt }),
      });
    }
    const rows = charges.map((charge) => statsRow(day, charge));
    const chargeRows = charges.map((c) => ({
      day,
      key,
      kind: c.kind,
      basis: c.basis,
      attempts: 1,
      costUsd: c.costUsd,
    }));
    enqueueCharges(ctx.env, ctx.waitUntil, chargeRows);
    // Spend counts against the key's budget at once (the next request may be refused on it).
    if (ctx.hold) {
      ctx.hold.settle(total);
      if (ctx.identity && total > 0) enqueueKeyStats(ctx.env, ctx.waitUntil, { day, key, costUsd: total });
    } else if (ctx.identity) recordKeySpend(ctx.env, ctx.identity, total, ctx.waitUntil);
    if (!outcome) {
      for (const row of rows) enqueueStats(ctx.env, ctx.waitUntil, row);
      return total;
    }
    const candidate = outcome.candidate;
    if (plan.conversationKey) {
      const turn = { tier: plan.selection.servedTier, model: candidate.model.id, provider: candidate.model.provider };
      writeSticky(ctx.env, plan.conversationKey, turn, ctx.waitUntil, plan.stickyReset);
    }
    const decision = {
      at,
      requestId: ctx.requestId,
      model: candidate.model.id,
      provider: candidate.model.provider,
      tier: plan.selection.servedTier,
      decidedTier: plan.decision.tier,
      stage: plan.decision.stage,
      objective: plan.objective,
      score: Number(plan.decision.score.toFixed(4)),
      attempts: attempts.length,
      stream: timing.completed !== undefined, // only the stream meter reports completion
      estCostUsd: candidate.estCostUsd,
      costUsd: charges.length > 0 ? total : null,
      baselineCostUsd: served ? baselineCost(plan, served.usage) : null,
    };
    const report = () => {
      rows.forEach((row, i) => enqueueStats(ctx.env, ctx.waitUntil, row, i === rows.length - 1 ? decision : undefined));
      if (rows.length === 0) enqueueStats(ctx.env, ctx.waitUntil, emptyRow(day, candidate), decision);
      logLine(ctx.requestId, plan, candidate, attempts.length, total, served, ctx.identity);
    };
    // A non-stream response is still being built: report once it is out (a stream has ended).
    if (timing.completed === undefined) afterResponse(ctx.waitUntil, report);
    else report();
    return total;
  }

  function statsRow(day: string, charge: PricedCharge): StatsRow {
    const servedAnswer = charge.kind === "served";
    return {
      day,
      model: charge.model.id,
      provider: charge.model.provider,
      tier: plan.selection.servedTier,
      // Only the served answer is a request; other attempts add their tokens and cost to their model.
      requests: servedAnswer ? 1 : 0,
      withUsage: servedAnswer && charge.basis === "usage" ? 1 : 0,
      inputTokens: charge.usage.inputTokens,
      outputTokens: charge.usage.outputTokens,
      cachedInputTokens: charge.usage.cachedInputTokens ?? 0,
      costUsd: charge.costUsd,
      baselineCostUsd: servedAnswer ? baselineCost(plan, charge.usage) : 0,
    };
  }

  /** What the request has cost so far besides the served answer (failed, dropped attempts). */
  const othersCost = (attempts: readonly AttemptRecord[]) =>
    totalCost(price(attempts.filter((record) => record.outcome !== "served")));

  return {
    /** Non-stream: records now; x-router-cost-usd is everything the request cost (all its attempts). */
    finishResponse(outcome: Outcome): Record<string, string> {
      const total = finish(outcome, outcome.attempts);
      return { "x-router-cost-usd": formatUsd(total) };
    },
    /** Stream: times and counts the parts; records when the stream ends, however it ends. */
    meter(parts: ReadableStream<StreamPart>, outcome: Outcome): ReadableStream<StreamPart> {
      return meterStream(
        parts,
        now,
        (meter) => {
          const record = servedRecord(outcome.attempts);
          if (record) {
            record.charge = meter.usage ? { basis: "usage", usage: meter.usage } : estimated(meter.outputChars);
          }
          finish(outcome, outcome.attempts, meter);
        },
        { waitUntil: ctx.waitUntil },
      );
    },
    /** The extra fields of the final stream usage chunk (README: "Cost in streams"). */
    usageFields(outcome: Outcome, usage: Usage): Record<string, number> {
      const served = priceCharge(outcome.candidate.model, "served", { basis: "usage", usage }, estimates);
      return {
        cost_usd: round(served.costUsd + othersCost(outcome.attempts)),
        baseline_cost_usd: round(baselineCost(plan, usage)),
      };
    },
    /** A request that failed: what its attempts cost is charged all the same. */
    failed(attempts: readonly AttemptRecord[]): void {
      finish(undefined, attempts);
    },
  };
}

/**
 * Charges attempts made for a request after its answer, outside its own accounting (shadow
 * comparisons): each priced as `kind`, in the stats and against the key (its hold, if it has one,
 * else its spend). Returns what they cost.
 */
export function chargeAfterwards(
  ctx: Omit<AccountingContext, "requestId">,
  plan: RoutePlan,
  attempts: readonly AttemptRecord[],
  kind: "shadow",
): number {
  const estimates = { inputTokens: plan.inputTokens, outputTokens: plan.outputTokens };
  const charges = priceAttempts(plan.catalog.models, attempts, estimates).map((c) => ({ ...c, kind }));
  const total = totalCost(charges);
  if (charges.length === 0) return 0;
  const day = new Date((ctx.now ?? Date.now)()).toISOString().slice(0, 10);
  const key = ctx.identity?.id ?? "open";
  for (const c of charges) {
    enqueueStats(ctx.env, ctx.waitUntil, {
      ...emptyRow(day, { model: c.model, estCostUsd: 0, estLatencyMs: 0 }),
      tier: plan.selection.servedTier,
      inputTokens: c.usage.inputTokens,
      outputTokens: c.usage.outputTokens,
      cachedInputTokens: c.usage.cachedInputTokens ?? 0,
      costUsd: c.costUsd,
    });
  }
  enqueueCharges(
    ctx.env,
    ctx.waitUntil,
    charges.map((c) => ({ day, key, kind, basis: c.basis, attempts: 1, costUsd: c.costUsd })),
  );
  if (ctx.hold) {
    ctx.hold.commit(total);
    if (ctx.identity && total > 0) enqueueKeyStats(ctx.env, ctx.waitUntil, { day, key, costUsd: total });
  } else if (ctx.identity) recordKeySpend(ctx.env, ctx.identity, total, ctx.waitUntil);
  return total;
}

const emptyRow = (day: string, candidate: Candidate): StatsRow => ({
  day,
  model: candidate.model.id,
  provider: candidate.model.provider,
  tier: "",
  requests: 0,
  withUsage: 0,
  inputTokens: 0,
  outputTokens: 0,
  cachedInputTokens: 0,
  costUsd: 0,
  baselineCostUsd: 0,
});

/** Runs `work` on a later event-loop turn, after the response went out; waitUntil keeps it alive. */
function afterResponse(waitUntil: (promise: Promise<unknown>) => void, work: () => void): void {
  waitUntil(
    new Promise<void>((resolve) =>
      setTimeout(() => {
        try {
          work();
        } finally {
          resolve();
        }
      }, 0),
    ),
  );
}

function logLine(
  requestId: string,
  plan: RoutePlan,
  served: Candidate,
  attempts: number,
  total: number,
  charge: PricedCharge | undefined,
  identity: Identity | undefined,
) {
  const { selection } = plan;
  console.log(
    JSON.stringify({
      event: "routed",
      request_id: requestId,
      // The key's id (public, as in the admin list), never the key.
      key_id: identity?.id,
      model: served.model.id,
      tier: selection.servedTier,
      decided_tier: selection.decidedTier,
      floor: selection.floor.reasons.join(","),
      tier_cap: selection.tierCap,
      policy: selection.policy,
      sticky: selection.stickiness,
      stage: plan.decision.stage,
      score: Number(plan.decision.score.toFixed(4)),
      objective: plan.objective,
      attempts,
      est_cost_usd: served.estCostUsd,
      baseline_est_cost_usd: selection.baselineCostUsd,
      cost_usd: total,
      cost_basis: charge?.basis,
      baseline_cost_usd: charge ? baselineCost(plan, charge.usage) : undefined,
    }),
  );
}
