// The record stage for one routed request: what every upstream attempt cost (pricing/charges.ts),
// savings of the served answer against the baseline model, latency observations, usage stats, the
// key's spend (settling its budget hold when it has one) and sticky conversation state. Everything
// that does I/O goes through ctx.waitUntil, after the response.
import { estimated } from "../dispatch/attempt-charge.ts";
import type { Env } from "../env.ts";
import type { CatalogModel } from "../pricing/catalog-schema.ts";
import { priceAttempts, priceCharge, totalCost, type PricedCharge } from "../pricing/charges.ts";
import { costUsd } from "../pricing/cost.ts";
import { findModel } from "../pricing/find-model.ts";
import type { StreamPart, Usage } from "../schema/canonical.ts";
import type { AttemptRecord, CostFacts, DecisionFacts, ServedFacts } from "../schema/facts.ts";
import type { Identity } from "../schema/identity.ts";
import { enqueueCharges, enqueueKeyStats, enqueueStats } from "../stats/stats-buffer.ts";
import type { StatsRow } from "../stats/stats-types.ts";
import type { BudgetHold } from "../usage/budget-hold.ts";
import { recordKeySpend } from "../usage/key-usage.ts";
import { observeLatency } from "./latency-tracker.ts";
import { writeSticky } from "./sticky-store.ts";
import { meterStream, type StreamMeter } from "./stream-meter.ts";

export interface AccountingContext {
  env: Env;
  waitUntil: (promise: Promise<unknown>) => void;
  /** The catalog's models: what attempts are priced with (and the served model's latency prior). */
  models: readonly CatalogModel[];
  /** The caller: its spend counts against its budgets. */
  identity?: Identity | undefined;
  /** The request's budget reservation, settled with what the request cost. */
  hold?: BudgetHold | undefined;
  now?: () => number;
}

/** What the baseline model would have cost for the same usage (same tokens, same cache hits). */
function baselineCost(models: readonly CatalogModel[], baselineId: string, usage: Usage): number {
  const baseline = findModel(models, baselineId);
  return baseline ? costUsd(baseline.pricing, usage.inputTokens, usage.outputTokens, usage.cachedInputTokens ?? 0) : 0;
}

const round = (usd: number) => Number(usd.toFixed(10));

const servedRecord = (attempts: readonly AttemptRecord[]) => attempts.findLast((r) => r.outcome === "served");

/** A served model as the stats rows and the log line name it. */
type ModelRef = Pick<ServedFacts, "model" | "provider">;

export function startAccounting(ctx: AccountingContext, decided: DecisionFacts) {
  const now = ctx.now ?? Date.now;
  const dispatchedAt = now();
  const estimates = { inputTokens: decided.inputTokens, outputTokens: decided.outputTokens };
  const price = (attempts: readonly AttemptRecord[]) => priceAttempts(ctx.models, attempts, estimates);
  const baseline = (usage: Usage) => baselineCost(ctx.models, decided.baselineId, usage);

  /** Records a finished (or failed) request from its attempts; returns what it cost in all. */
  function finish(
    served: ServedFacts | undefined,
    attempts: readonly AttemptRecord[],
    timing: Partial<StreamMeter> = {},
  ): CostFacts {
    const charges = price(attempts);
    const total = totalCost(charges);
    const charge = served ? charges.find((c) => c.kind === "served") : undefined;
    const costs = { costUsd: total, baselineCostUsd: charge ? baseline(charge.usage) : 0 };
    const at = now();
    const day = new Date(at).toISOString().slice(0, 10);
    const key = ctx.identity?.id ?? "open";
    // Latency of fallback chains would blame the served model for the failed attempts' time.
    if (served && attempts.length === 1 && timing.completed !== false) {
      observeLatency({
        model: served.model,
        prior: findModel(ctx.models, served.model)?.latency,
        outputTokens: charge?.basis === "usage" ? charge.usage.outputTokens : undefined,
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
    if (!served) {
      for (const row of rows) enqueueStats(ctx.env, ctx.waitUntil, row);
      return costs;
    }
    if (decided.conversation) {
      const turn = { tier: decided.servedTier, model: served.model, provider: served.provider };
      writeSticky(ctx.env, decided.conversation.key, turn, ctx.waitUntil, decided.conversation.reset);
    }
    const decision = {
      at,
      requestId: decided.requestId,
      model: served.model,
      provider: served.provider,
      tier: decided.servedTier,
      decidedTier: decided.decidedTier,
      stage: decided.stage,
      objective: decided.objective,
      score: Number(decided.score.toFixed(4)),
      attempts: attempts.length,
      stream: timing.completed !== undefined, // only the stream meter reports completion
      estCostUsd: served.estCostUsd,
      costUsd: charges.length > 0 ? total : null,
      baselineCostUsd: charge ? costs.baselineCostUsd : null,
    };
    const report = () => {
      rows.forEach((row, i) => enqueueStats(ctx.env, ctx.waitUntil, row, i === rows.length - 1 ? decision : undefined));
      if (rows.length === 0) enqueueStats(ctx.env, ctx.waitUntil, emptyRow(day, served), decision);
      logLine(
        decided,
        served,
        attempts.length,
        total,
        charge && { ...charge, baselineCostUsd: costs.baselineCostUsd },
        ctx.identity,
      );
    };
    // A non-stream response is still being built: report once it is out (a stream has ended).
    if (timing.completed === undefined) afterResponse(ctx.waitUntil, report);
    else report();
    return costs;
  }

  function statsRow(day: string, charge: PricedCharge): StatsRow {
    const servedAnswer = charge.kind === "served";
    return {
      day,
      model: charge.model.id,
      provider: charge.model.provider,
      tier: decided.servedTier,
      // Only the served answer is a request; other attempts add their tokens and cost to their model.
      requests: servedAnswer ? 1 : 0,
      withUsage: servedAnswer && charge.basis === "usage" ? 1 : 0,
      inputTokens: charge.usage.inputTokens,
      outputTokens: charge.usage.outputTokens,
      cachedInputTokens: charge.usage.cachedInputTokens ?? 0,
      costUsd: charge.costUsd,
      baselineCostUsd: servedAnswer ? baseline(charge.usage) : 0,
    };
  }

  /** What the request has cost so far besides the served answer (failed, dropped attempts). */
  const othersCost = (attempts: readonly AttemptRecord[]) =>
    totalCost(price(attempts.filter((record) => record.outcome !== "served")));

  return {
    /** Non-stream: records now; what the request cost (all its attempts), for x-router-cost-usd. */
    finishResponse(served: ServedFacts): CostFacts {
      return finish(served, served.attempts);
    },
    /**
     * Stream: times and counts the parts; records when the stream ends, however it ends, with the
     * served facts as they are then (`served()`: a continuation changes the model).
     */
    meter(parts: ReadableStream<StreamPart>, served: () => ServedFacts): ReadableStream<StreamPart> {
      return meterStream(
        parts,
        now,
        (meter) => {
          const facts = served();
          const record = servedRecord(facts.attempts);
          if (record) {
            record.charge = meter.usage ? { basis: "usage", usage: meter.usage } : estimated(meter.outputChars);
          }
          finish(facts, facts.attempts, meter);
        },
        { waitUntil: ctx.waitUntil },
      );
    },
    /** The extra fields of the final usage chunk or object (README: "Cost in streams"). */
    usageFields(served: ServedFacts, usage: Usage): Record<string, number> {
      const model = findModel(ctx.models, served.model);
      const answer = model ? priceCharge(model, "served", { basis: "usage", usage }, estimates).costUsd : 0;
      return {
        cost_usd: round(answer + othersCost(served.attempts)),
        baseline_cost_usd: round(baseline(usage)),
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
  ctx: AccountingContext,
  decided: Pick<DecisionFacts, "inputTokens" | "outputTokens" | "servedTier">,
  attempts: readonly AttemptRecord[],
  kind: "shadow",
): number {
  const estimates = { inputTokens: decided.inputTokens, outputTokens: decided.outputTokens };
  const charges = priceAttempts(ctx.models, attempts, estimates).map((c) => ({ ...c, kind }));
  const total = totalCost(charges);
  if (charges.length === 0) return 0;
  const day = new Date((ctx.now ?? Date.now)()).toISOString().slice(0, 10);
  const key = ctx.identity?.id ?? "open";
  for (const c of charges) {
    enqueueStats(ctx.env, ctx.waitUntil, {
      ...emptyRow(day, { model: c.model.id, provider: c.model.provider }),
      tier: decided.servedTier,
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

const emptyRow = (day: string, served: ModelRef): StatsRow => ({
  day,
  model: served.model,
  provider: served.provider,
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
  decided: DecisionFacts,
  served: ServedFacts,
  attempts: number,
  total: number,
  charge: (PricedCharge & { baselineCostUsd: number }) | undefined,
  identity: Identity | undefined,
) {
  console.log(
    JSON.stringify({
      event: "routed",
      request_id: decided.requestId,
      // The key's id (public, as in the admin list), never the key.
      key_id: identity?.id,
      model: served.model,
      tier: decided.servedTier,
      decided_tier: decided.decidedTier,
      floor: decided.floor.join(","),
      tier_cap: decided.tierCap,
      policy: decided.policy,
      sticky: decided.stickiness,
      stage: decided.stage,
      score: Number(decided.score.toFixed(4)),
      objective: decided.objective,
      attempts,
      est_cost_usd: served.estCostUsd,
      baseline_est_cost_usd: decided.baselineEstCostUsd,
      cost_usd: total,
      cost_basis: charge?.basis,
      baseline_cost_usd: charge?.baselineCostUsd,
    }),
  );
}
