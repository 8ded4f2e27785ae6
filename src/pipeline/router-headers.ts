// x-router-* response headers: every routed response says what happened.
import { formatUsd } from "../record/cost";
import type { Candidate } from "../select/select-model";
import type { RoutePlan } from "./plan-route";

export function routerHeaders(plan: RoutePlan, requestId: string, served: Candidate, attempts: number) {
  const headers: Record<string, string> = {
    "x-router-request-id": requestId,
    "x-router-model": served.model.id,
    "x-router-tier": plan.selection.servedTier,
    "x-router-score": plan.decision.score.toFixed(4),
    "x-router-confidence": plan.decision.confidence.toFixed(4),
    "x-router-stage": plan.decision.stage,
    "x-router-objective": plan.objective,
    "x-router-decision-us": String(plan.decisionMicros),
    "x-router-attempts": String(attempts),
    "x-router-est-cost-usd": formatUsd(served.estCostUsd),
    "x-router-baseline-cost-usd": formatUsd(plan.selection.baselineCostUsd),
  };
  if (plan.selection.tierCapped) headers["x-router-tier-capped"] = plan.decision.tier;
  return headers;
}
