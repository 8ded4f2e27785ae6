// x-router-* response headers: every routed response says what happened.
import { formatUsd } from "../pricing/cost.ts";
import type { Candidate } from "../select/select-model.ts";
import type { RoutePlan } from "./plan-route.ts";

export function routerHeaders(plan: RoutePlan, requestId: string, served: Candidate, attempts: number) {
  const { selection } = plan;
  const headers: Record<string, string> = {
    "x-router-request-id": requestId,
    "x-router-model": served.model.id,
    "x-router-tier": selection.servedTier,
    "x-router-score": plan.decision.score.toFixed(4),
    "x-router-confidence": plan.decision.confidence.toFixed(4),
    "x-router-uncertain": String(plan.uncertain),
    "x-router-stage": plan.decision.stage,
    "x-router-objective": plan.objective,
    "x-router-tier-floor": selection.floor.reasons.join(","),
    "x-router-policy": selection.policy,
    "x-router-decision-us": String(plan.decisionMicros),
    "x-router-attempts": String(attempts),
    "x-router-est-cost-usd": formatUsd(served.estCostUsd),
    "x-router-est-latency-ms": String(Math.round(served.estLatencyMs)),
    "x-router-baseline-cost-usd": formatUsd(selection.baselineCostUsd),
  };
  const cap = selection.tierCap;
  if (cap) headers["x-router-tier-capped"] = `${cap.wanted};served=${cap.served};by=${cap.by}`;
  if (selection.stickiness !== "none") headers["x-router-sticky"] = selection.stickiness;
  if (plan.strongShare) headers["x-router-strong-share"] = plan.strongShare;
  return headers;
}
