// The record stage: one structured log line per routed request, written after
// the response (ctx.waitUntil). It holds no prompt text and no secrets.
import type { RoutePlan } from "../pipeline/plan-route";

export interface DecisionRecord {
  requestId: string;
  plan: RoutePlan;
  model: string | undefined;
  attempts: number;
  status: number;
  actualCostUsd?: number;
}

export function recordDecision(record: DecisionRecord): void {
  const { plan } = record;
  console.log(
    JSON.stringify({
      event: "routed",
      request_id: record.requestId,
      status: record.status,
      model: record.model,
      tier: plan.selection.servedTier,
      stage: plan.decision.stage,
      score: Number(plan.decision.score.toFixed(4)),
      objective: plan.objective,
      attempts: record.attempts,
      est_cost_usd: plan.selection.candidates[0]?.estCostUsd,
      baseline_cost_usd: plan.selection.baselineCostUsd,
      actual_cost_usd: record.actualCostUsd,
    }),
  );
}
