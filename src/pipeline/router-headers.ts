// x-router-* response headers: every routed response says what happened — what was decided, what
// served it, and what dispatch did on the way (escalation, failed answer checks, hedges, skipped
// fallbacks, budget caps).
import type { DispatchOutcome } from "../dispatch/types.ts";
import { formatUsd } from "../pricing/cost.ts";
import type { CanonicalRequest } from "../schema/canonical.ts";
import type { DecisionFacts, ServedFacts } from "../schema/facts.ts";

export function routerHeaders(decided: DecisionFacts, served: ServedFacts): Record<string, string> {
  const headers: Record<string, string> = {
    "x-router-request-id": decided.requestId,
    "x-router-model": served.model,
    "x-router-tier": served.tier,
    "x-router-score": decided.score.toFixed(4),
    "x-router-confidence": decided.confidence.toFixed(4),
    "x-router-uncertain": String(decided.uncertain),
    "x-router-stage": decided.stage,
    "x-router-objective": decided.objective,
    "x-router-tier-floor": decided.floor.join(","),
    "x-router-policy": decided.policy,
    "x-router-decision-us": String(decided.decisionMicros),
    "x-router-attempts": String(served.attempts.length),
    "x-router-est-cost-usd": formatUsd(served.estCostUsd),
    "x-router-est-latency-ms": String(Math.round(served.estLatencyMs)),
    "x-router-baseline-cost-usd": formatUsd(decided.baselineEstCostUsd),
  };
  const cap = decided.tierCap;
  if (cap) headers["x-router-tier-capped"] = `${cap.wanted};served=${cap.served};by=${cap.by}`;
  if (decided.stickiness !== "none") headers["x-router-sticky"] = decided.stickiness;
  if (decided.strongShare) headers["x-router-strong-share"] = decided.strongShare;
  return headers;
}

/** What dispatch did beyond the routing decision: escalation, failed answer checks, skipped fallbacks, budget caps. */
export function dispatchHeaders(request: CanonicalRequest, outcome: DispatchOutcome): Record<string, string> {
  const headers: Record<string, string> = {};
  if (outcome.escalated) {
    headers["x-router-escalated"] = outcome.escalated.reason;
    headers["x-router-escalated-from"] = outcome.escalated.from;
  }
  if (outcome.failedCheck) headers["x-router-answer-check"] = outcome.failedCheck;
  if (outcome.attempts.some((attempt) => attempt.hedge)) headers["x-router-hedged"] = "1";
  if (outcome.fallbackSkipped) headers["x-router-fallback-skipped"] = outcome.fallbackSkipped;
  const cap = outcome.attempts.findLast((attempt) => attempt.outcome === "served")?.maxTokens;
  if (cap !== undefined && cap < (request.maxTokens ?? Infinity)) headers["x-router-budget-max-tokens"] = String(cap);
  return headers;
}
