// The learning side of one routed chat request: the headers that identify the decision
// (x-router-decision-id; x-router-calibration, x-router-explore when they apply), the decision
// record sent to the tenant's Durable Object after the answer is complete, and — when the tenant
// opted in — a shadow comparison for a sampled share of answers: those served below the top tier
// against the next tier up, and (shadow.down_share) top-tier ones against the tier below.
// Nothing here runs before the response: records and shadow calls go through waitUntil.
import type { Identity } from "../schema/identity.ts";
import type { DispatchDeps, DispatchOutcome } from "../dispatch/dispatch.ts";
import type { Env } from "../env.ts";
import type { RoutePlan } from "../pipeline/plan-route.ts";
import { requestCost } from "../record/accounting.ts";
import { TOP_TIER, type CanonicalRequest, type StreamPart, type Tier } from "../schema/canonical.ts";
import { promptView } from "../score/prompt-view.ts";
import type { Candidate } from "../select/select-model.ts";
import { answerFromResponse, collectStream, type CollectedAnswer } from "./answer-collector.ts";
import { enqueueDecision } from "./decision-buffer.ts";
import { readLearningConfig } from "./learning-config.ts";
import type { DecisionRecord, ShadowDirection } from "./records.ts";
import { sampled } from "./sampling.ts";
import { SCORER_VERSION } from "./scorer-version.ts";
import { runShadow } from "./shadow-run.ts";

/** Prompt characters stored when a tenant opted in. */
const STORED_PROMPT_CHARS = 8_000;

/** The min_tier that raised the floor, from its reasons ("min_tier=complex"). */
function minTierOf(reasons: readonly string[]): Tier | null {
  const reason = reasons.find((r) => r.startsWith("min_tier="));
  return reason ? (reason.slice("min_tier=".length) as Tier) : null;
}

/**
 * Whom a shadow comparison asks: for an answer from below the top tier, the next tier up (when
 * this decision is sampled at `shadow.share`); for a top-tier answer, the tier below (when the
 * plan sampled it at `shadow.down_share`).
 */
function shadowTarget(
  plan: RoutePlan,
  servedTier: Tier,
  share: number,
): { direction: ShadowDirection; candidates: readonly Candidate[] } | undefined {
  if (servedTier === TOP_TIER)
    return plan.shadowBelow && { direction: "down", candidates: plan.shadowBelow.candidates };
  if (!plan.escalation || !sampled(plan.learning.decisionId, "shadow", share)) return undefined;
  return { direction: "up", candidates: plan.escalation.candidates };
}

export interface LearningRequestContext {
  env: Env;
  waitUntil: (promise: Promise<unknown>) => void;
  request: CanonicalRequest;
  deps: DispatchDeps;
  now?: () => number;
  /** The request's key: it pays for shadow comparisons of its answers. */
  identity?: Identity | undefined;
}

export function startLearning(ctx: LearningRequestContext, plan: RoutePlan) {
  const { learning } = plan;
  const now = ctx.now ?? Date.now;

  function record(outcome: DispatchOutcome, answer: CollectedAnswer) {
    if (!learning.enabled) return;
    const served = outcome.candidate;
    const servedTier = outcome.escalated && plan.escalation ? plan.escalation.tier : plan.selection.servedTier;
    const settings = learning.state.settings;
    const view = settings.store_prompts ? promptView(ctx.request) : undefined;
    const decision = plan.decision;
    const entry: DecisionRecord = {
      id: learning.decisionId,
      at: now(),
      score: decision.score,
      rawScore: decision.rawScore ?? decision.score,
      stage: decision.stage,
      objective: plan.objective,
      decidedTier: decision.tier,
      servedTier,
      explored: learning.explored,
      minTier: minTierOf(plan.selection.floor.reasons),
      stickyTier: plan.sticky?.tier ?? null,
      capTier: plan.selection.tierCap?.served ?? null,
      model: served.model.id,
      costUsd: answer.usage ? requestCost(plan, served, answer.usage).costUsd : null,
      calibrationVersion: learning.calibrationVersion,
      scorer: SCORER_VERSION,
      features: decision.features ?? null,
      prompt: view ? `${view.context ? `${view.context}\n\n` : ""}${view.primary}`.slice(0, STORED_PROMPT_CHARS) : null,
      answerCheck: outcome.escalated?.reason ?? outcome.failedCheck ?? null,
    };
    enqueueDecision(ctx.env, learning.tenant, entry, ctx.waitUntil);

    const shadow = settings.shadow;
    const comparable =
      shadow.enabled &&
      shadow.budget_usd_daily > 0 &&
      answer.complete &&
      decision.stage !== "override" &&
      !outcome.escalated;
    const target = comparable ? shadowTarget(plan, servedTier, shadow.share) : undefined;
    if (!target) return;
    const shadowRun = runShadow(
      {
        env: ctx.env,
        tenant: learning.tenant,
        decisionId: learning.decisionId,
        settings: shadow,
        request: ctx.request,
        plan,
        direction: target.direction,
        candidates: target.candidates,
        deps: ctx.deps,
        timeoutMs: readLearningConfig(ctx.env).shadowTimeoutMs,
        now,
        identity: ctx.identity,
        waitUntil: ctx.waitUntil,
      },
      answer,
    ).catch((error: unknown) =>
      console.error(
        JSON.stringify({ level: "error", event: "shadow_failed", tenant: learning.tenant, error: String(error) }),
      ),
    );
    ctx.waitUntil(shadowRun);
  }

  return {
    headers(): Record<string, string> {
      if (!learning.enabled) return {}; // nothing is recorded, so there is nothing to give feedback on
      const headers: Record<string, string> = { "x-router-decision-id": learning.decisionId };
      if (learning.calibrationVersion > 0) headers["x-router-calibration"] = `v${learning.calibrationVersion}`;
      if (learning.explored) headers["x-router-explore"] = `down;from=${TOP_TIER}`;
      return headers;
    },
    /** Non-stream: records now (the decision and, maybe, a shadow comparison in the background). */
    finishResponse(outcome: DispatchOutcome & { kind: "response" }): void {
      record(outcome, answerFromResponse(outcome.response));
    },
    /** Stream: observes the parts as they pass; records when the stream ends. */
    watch(outcome: DispatchOutcome & { kind: "stream" }): ReadableStream<StreamPart> {
      // Learning off: record() would discard the answer, so the stream gets no extra stage.
      if (!learning.enabled) return outcome.parts;
      return collectStream(outcome.parts, (answer) => record(outcome, answer));
    },
  };
}
