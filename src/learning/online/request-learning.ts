// The learning side of one routed chat request: the headers that identify the decision
// (x-router-decision-id; x-router-calibration, x-router-explore when they apply), the decision
// record sent to the tenant's Durable Object after the answer is complete, and — when the tenant
// opted in — a shadow comparison for a sampled share of answers: those served below the top tier
// against the next tier up, and (shadow.down_share) top-tier ones against the tier below.
// Nothing here runs before the response: records and shadow calls go through waitUntil.
import type { DispatchDeps } from "../../dispatch/types.ts";
import type { Env } from "../../env.ts";
import type { CatalogModel } from "../../pricing/catalog-schema.ts";
import { actualCostUsd } from "../../pricing/cost.ts";
import { findModel } from "../../pricing/find-model.ts";
import type { ProviderEndpoint } from "../../providers/types.ts";
import {
  TOP_TIER,
  type CanonicalRequest,
  type CanonicalResponse,
  type StreamPart,
  type Tier,
} from "../../schema/canonical.ts";
import type { DecisionFacts, ServedFacts } from "../../schema/facts.ts";
import type { Identity } from "../../schema/identity.ts";
import { promptView } from "../../score/prompt-view.ts";
import type { TierSelection } from "../../select/neighbour-tiers.ts";
import type { Candidate } from "../../select/selection.ts";
import { answerFromResponse, collectStream, type CollectedAnswer } from "../shadow/answer-collector.ts";
import { enqueueDecision } from "./decision-buffer.ts";
import { readLearningConfig } from "./learning-config.ts";
import type { PlanLearning } from "./plan-learning.ts";
import type { DecisionRecord, ShadowDirection } from "../store/records.ts";
import { sampled } from "./sampling.ts";
import { SCORER_VERSION } from "../store/scorer-version.ts";
import { runShadow } from "../shadow/shadow-run.ts";

/** Prompt characters stored when a tenant opted in. */
const STORED_PROMPT_CHARS = 8_000;

/** The min_tier that raised the floor, from its reasons ("min_tier=complex"). */
function minTierOf(reasons: readonly string[]): Tier | null {
  const reason = reasons.find((r) => r.startsWith("min_tier="));
  return reason ? (reason.slice("min_tier=".length) as Tier) : null;
}

/** What this request's learning was planned with: the tenant's state, the decision id, exploration. */
export type RequestLearning = PlanLearning & { explored: boolean };

/**
 * The neighbouring tiers a shadow comparison may ask: the next tier up (escalation's candidates),
 * and the tier below when the plan sampled this top-tier answer for a downward comparison.
 */
export interface ShadowTiers {
  up: TierSelection | undefined;
  down: TierSelection | undefined;
}

/**
 * Whom a shadow comparison asks: for an answer from below the top tier, the next tier up (when
 * this decision is sampled at `shadow.share`); for a top-tier answer, the tier below (when the
 * plan sampled it at `shadow.down_share`).
 */
function shadowTarget(
  tiers: ShadowTiers,
  decisionId: string,
  servedTier: Tier,
  share: number,
): { direction: ShadowDirection; candidates: readonly Candidate[] } | undefined {
  if (servedTier === TOP_TIER) return tiers.down && { direction: "down", candidates: tiers.down.candidates };
  if (!tiers.up || !sampled(decisionId, "shadow", share)) return undefined;
  return { direction: "up", candidates: tiers.up.candidates };
}

export interface LearningRequestContext {
  env: Env;
  waitUntil: (promise: Promise<unknown>) => void;
  request: CanonicalRequest;
  deps: DispatchDeps;
  now?: () => number;
  /** The request's key: it pays for shadow comparisons of its answers. */
  identity?: Identity | undefined;
  /** The catalog's models (the served answer's cost) and the reachable endpoints (shadow calls). */
  models: readonly CatalogModel[];
  endpoints: ReadonlyMap<string, ProviderEndpoint>;
}

export function startLearning(
  ctx: LearningRequestContext,
  decided: DecisionFacts,
  learning: RequestLearning,
  neighbours: ShadowTiers,
) {
  const now = ctx.now ?? Date.now;

  function record(served: ServedFacts, answer: CollectedAnswer) {
    if (!learning.enabled) return;
    const servedTier = served.tier;
    const settings = learning.state.settings;
    const view = settings.store_prompts ? promptView(ctx.request) : undefined;
    const model = findModel(ctx.models, served.model);
    const entry: DecisionRecord = {
      id: learning.decisionId,
      at: now(),
      score: decided.score,
      rawScore: decided.rawScore,
      stage: decided.stage,
      objective: decided.objective,
      decidedTier: decided.decidedTier,
      servedTier,
      explored: learning.explored,
      minTier: minTierOf(decided.floor),
      stickyTier: decided.stickyTier ?? null,
      capTier: decided.tierCap?.served ?? null,
      model: served.model,
      costUsd: answer.usage && model ? actualCostUsd(model, answer.usage) : null,
      calibrationVersion: learning.calibrationVersion,
      scorer: SCORER_VERSION,
      features: decided.features ?? null,
      prompt: view ? `${view.context ? `${view.context}\n\n` : ""}${view.primary}`.slice(0, STORED_PROMPT_CHARS) : null,
      answerCheck: served.escalatedBy ?? served.failedCheck ?? null,
    };
    enqueueDecision(ctx.env, learning.tenant, entry, ctx.waitUntil);

    const shadow = settings.shadow;
    const comparable =
      shadow.enabled &&
      shadow.budget_usd_daily > 0 &&
      answer.complete &&
      decided.stage !== "override" &&
      !served.escalatedBy;
    const target = comparable ? shadowTarget(neighbours, learning.decisionId, servedTier, shadow.share) : undefined;
    if (!target) return;
    const shadowRun = runShadow(
      {
        env: ctx.env,
        tenant: learning.tenant,
        decisionId: learning.decisionId,
        settings: shadow,
        request: ctx.request,
        decided,
        models: ctx.models,
        endpoints: ctx.endpoints,
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
    finishResponse(served: ServedFacts, response: CanonicalResponse): void {
      record(served, answerFromResponse(response));
    },
    /** Stream: observes the parts as they pass; records when the stream ends (`served()` as it is then). */
    watch(parts: ReadableStream<StreamPart>, served: () => ServedFacts): ReadableStream<StreamPart> {
      // Learning off: record() would discard the answer, so the stream gets no extra stage.
      if (!learning.enabled) return parts;
      return collectStream(parts, (answer) => record(served(), answer));
    },
  };
}
