// The plan and the dispatch outcome as the fact records the observers get (schema/facts.ts): what
// was decided, and what was served. Only the pipeline sees the plan.
import type { DispatchOutcome } from "../dispatch/types.ts";
import type { DecisionFacts, ServedFacts } from "../schema/facts.ts";
import type { RoutePlan } from "./plan-route.ts";

export function decisionFacts(plan: RoutePlan, requestId: string): DecisionFacts {
  const { decision, selection } = plan;
  return {
    requestId,
    decidedTier: decision.tier,
    stage: decision.stage,
    score: decision.score,
    rawScore: decision.rawScore ?? decision.score,
    confidence: decision.confidence,
    uncertain: plan.uncertain,
    features: decision.features,
    objective: plan.objective,
    servedTier: selection.servedTier,
    floor: selection.floor.reasons,
    tierCap: selection.tierCap,
    policy: selection.policy,
    stickiness: selection.stickiness,
    stickyTier: plan.sticky?.tier,
    conversation: plan.conversationKey ? { key: plan.conversationKey, reset: plan.stickyReset } : undefined,
    inputTokens: plan.inputTokens,
    outputTokens: plan.outputTokens,
    baselineId: plan.baselineId,
    baselineEstCostUsd: selection.baselineCostUsd,
    decisionMicros: plan.decisionMicros,
    strongShare: plan.strongShare,
  };
}

/** What dispatch served, as it stands now (for a stream: read again when it ends). */
export function servedFacts(plan: RoutePlan, outcome: Omit<DispatchOutcome, "kind">): ServedFacts {
  const { candidate } = outcome;
  return {
    model: candidate.model.id,
    provider: candidate.model.provider,
    tier: outcome.escalated && plan.escalation ? plan.escalation.tier : plan.selection.servedTier,
    estCostUsd: candidate.estCostUsd,
    estLatencyMs: candidate.estLatencyMs,
    attempts: outcome.attempts,
    escalatedBy: outcome.escalated?.reason,
    failedCheck: outcome.failedCheck,
  };
}
