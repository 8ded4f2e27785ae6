import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { readChatRequest } from "../limits/read-request.ts";
import { planContext, planRoute, type RoutePlan } from "../pipeline/plan-route.ts";
import { toCanonicalRequest } from "../schema/to-canonical.ts";

/** The /v1/route body for a plan (the CLI, `npx triage route … --json`, prints the same). */
export function routeDecision(plan: RoutePlan, requestId: string) {
  const { decision, selection } = plan;
  return {
    object: "router.decision",
    request_id: requestId,
    model: selection.candidates[0]!.model.id,
    tier: selection.servedTier,
    decided_tier: decision.tier,
    tier_floor: selection.floor.reasons,
    tier_cap: selection.tierCap ?? null,
    tier_capped: selection.tierCapped,
    policy: selection.policy,
    sticky: selection.stickiness,
    score: decision.score,
    confidence: decision.confidence,
    uncertain: plan.uncertain,
    stage: decision.stage,
    objective: plan.objective,
    decision_us: plan.decisionMicros,
    calibration_version: plan.learning.calibrationVersion,
    estimated_tokens: { input: plan.inputTokens, output: plan.outputTokens },
    catalog_version: plan.catalog.version,
    candidates: selection.candidates.map((candidate) => ({
      model: candidate.model.id,
      provider: candidate.model.provider,
      tier: candidate.model.maxTier,
      est_cost_usd: candidate.estCostUsd,
      est_latency_ms: Math.round(candidate.estLatencyMs),
    })),
    baseline: { model: plan.baselineId, est_cost_usd: selection.baselineCostUsd },
  };
}

/** The routing decision for a chat request, without calling any upstream. */
export const route = new Hono<AppEnv>().post("/v1/route", async (c) => {
  const body = await readChatRequest(c.req.raw, c.env);
  const request = toCanonicalRequest(body);
  // A dry run must show the policy's decision, never an exploratory one.
  const plan = await planRoute(planContext(c, { explore: false }), body, request);
  return c.json(routeDecision(plan, c.get("requestId")));
});
