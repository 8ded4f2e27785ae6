// The record stage for one routed request: actual cost from the provider's usage, savings against
// the baseline model, latency observations, usage stats and sticky conversation state. Everything
// that does I/O goes through ctx.waitUntil, after the response.
import type { Identity } from "../auth/identity";
import type { Env } from "../env";
import type { RoutePlan } from "../pipeline/plan-route";
import { writeSticky } from "../pipeline/sticky-store";
import type { StreamPart, Usage } from "../schema/canonical";
import { costUsd } from "../select/expected-cost";
import { findModel, type Candidate } from "../select/select-model";
import { actualCostUsd, formatUsd } from "./cost";
import { observeLatency } from "./latency-tracker";
import { meterStream, type StreamMeter } from "./stream-meter";
import { recordKeySpend } from "../usage/key-usage";
import { enqueueStats } from "./stats-buffer";

export interface AccountingContext {
  env: Env;
  waitUntil: (promise: Promise<unknown>) => void;
  requestId: string;
  /** The caller: its spend counts against its budgets. */
  identity?: Identity | undefined;
  now?: () => number;
}

export interface RequestCost {
  costUsd: number;
  baselineCostUsd: number;
}

/** Actual cost of `usage` on the served model and on the baseline (same tokens, same cache hits). */
export function requestCost(plan: RoutePlan, served: Candidate, usage: Usage): RequestCost {
  const baseline = findModel(plan.catalog.models, plan.baselineId);
  return {
    costUsd: actualCostUsd(served.model, usage),
    baselineCostUsd: baseline
      ? costUsd(baseline.pricing, usage.inputTokens, usage.outputTokens, usage.cachedInputTokens ?? 0)
      : 0,
  };
}

/** Extra fields on the final stream usage chunk (see README: "Cost in streams"). */
export function usageCostFields(plan: RoutePlan, served: Candidate, usage: Usage): Record<string, number> {
  const cost = requestCost(plan, served, usage);
  return { cost_usd: round(cost.costUsd), baseline_cost_usd: round(cost.baselineCostUsd) };
}

const round = (usd: number) => Number(usd.toFixed(10));

export function startAccounting(ctx: AccountingContext, plan: RoutePlan) {
  const now = ctx.now ?? Date.now;
  const dispatchedAt = now();

  /** Records a finished request; returns its actual cost when the provider reported usage. */
  function finish(served: Candidate, attempts: number, usage: Usage | undefined, timing: Partial<StreamMeter> = {}) {
    const cost = usage ? requestCost(plan, served, usage) : undefined;
    // Latency of fallback chains would blame the served model for the failed attempts' time.
    if (attempts === 1 && timing.completed !== false) {
      observeLatency({
        model: served.model.id,
        prior: served.model.latency,
        outputTokens: usage?.outputTokens,
        ...(timing.firstTokenAt !== undefined
          ? { ttftMs: timing.firstTokenAt - dispatchedAt, generationMs: (timing.endAt ?? now()) - timing.firstTokenAt }
          : { totalMs: now() - dispatchedAt }),
      });
    }
    const at = now();
    const day = new Date(at).toISOString().slice(0, 10);
    const row = {
      day,
      model: served.model.id,
      provider: served.model.provider,
      tier: plan.selection.servedTier,
      requests: 1,
      withUsage: usage ? 1 : 0,
      inputTokens: usage?.inputTokens ?? 0,
      outputTokens: usage?.outputTokens ?? 0,
      cachedInputTokens: usage?.cachedInputTokens ?? 0,
      costUsd: cost?.costUsd ?? 0,
      baselineCostUsd: cost?.baselineCostUsd ?? 0,
    };
    const decision = {
      at,
      requestId: ctx.requestId,
      model: served.model.id,
      provider: served.model.provider,
      tier: plan.selection.servedTier,
      decidedTier: plan.decision.tier,
      stage: plan.decision.stage,
      objective: plan.objective,
      score: Number(plan.decision.score.toFixed(4)),
      attempts,
      stream: timing.completed !== undefined, // only the stream meter reports completion
      estCostUsd: served.estCostUsd,
      costUsd: cost ? cost.costUsd : null,
      baselineCostUsd: cost ? cost.baselineCostUsd : null,
    };
    // Spend counts against the key's budget at once (the next request may be refused on it).
    if (ctx.identity && cost) recordKeySpend(ctx.env, ctx.identity, cost.costUsd, ctx.waitUntil);
    if (plan.conversationKey) {
      const turn = { tier: plan.selection.servedTier, model: served.model.id, provider: served.model.provider };
      writeSticky(ctx.env, plan.conversationKey, turn, ctx.waitUntil, plan.stickyReset);
    }
    const report = () => {
      enqueueStats(ctx.env, ctx.waitUntil, row, decision);
      logLine(ctx.requestId, plan, served, attempts, cost, ctx.identity);
    };
    // A non-stream response is still being built: report once it is out (a stream has ended).
    if (timing.completed === undefined) afterResponse(ctx.waitUntil, report);
    else report();
    return cost;
  }

  return {
    /** Non-stream: records now and returns the headers that carry the actual cost. */
    finishResponse(served: Candidate, attempts: number, usage: Usage | undefined): Record<string, string> {
      const cost = finish(served, attempts, usage);
      return cost ? { "x-router-cost-usd": formatUsd(cost.costUsd) } : {};
    },
    /** Stream: wraps the parts to time them; records when the stream ends, however it ends. */
    meter(parts: ReadableStream<StreamPart>, served: Candidate, attempts: number): ReadableStream<StreamPart> {
      return meterStream(parts, now, (result) => finish(served, attempts, result.usage, result));
    },
  };
}

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
  cost: RequestCost | undefined,
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
      cost_usd: cost?.costUsd,
      baseline_cost_usd: cost?.baselineCostUsd,
    }),
  );
}
