// Plan a request: decide -> select, shared by the three routed endpoints (serve-request.ts) and
// /v1/route, from one planContext. Everything here happens before any upstream call.
import type { Context } from "hono";
import { deploymentPolicy } from "../auth/deployment-policy.ts";
import { effectivePolicy } from "../auth/effective-policy.ts";
import { tenantOf } from "../auth/tenant.ts";
import type { Identity } from "../schema/identity.ts";
import { decideTier } from "../classify/gate.ts";
import type { RoutingDecision } from "../classify/decision.ts";
import { readConfig } from "../config.ts";
import type { AppEnv, Env } from "../env.ts";
import { resolveEndpoints } from "../providers/registry.ts";
import type { ProviderEndpoint } from "../providers/types.ts";
import type { Catalog } from "../pricing/catalog-schema.ts";
import { loadCatalog } from "../pricing/catalog-store.ts";
import { latencyTracker } from "../record/latency-tracker.ts";
import { TOP_TIER, type CanonicalRequest } from "../schema/canonical.ts";
import { parseModelField } from "../schema/model-field.ts";
import type { ChatRequest } from "../schema/openai-request.ts";
import { routerOptionsFromHeaders } from "../schema/router-headers.ts";
import type { Objective } from "../schema/router-options.ts";
import type { TierConfig } from "../score/tiering.ts";
import { conversationRef, historyPrefixChars } from "../select/conversation-key.ts";
import { estimateInputTokens, predictOutputTokens } from "../select/estimate-tokens.ts";
import { requestNeeds } from "../select/request-needs.ts";
import { selectModels } from "../select/select-model.ts";
import type { Selection, SelectionInput, StickyState } from "../select/selection.ts";
import {
  EXPLORED_TIER,
  uncertainBelow,
  exploresThis,
  planLearning,
  shadowsDownThis,
  type RequestLearning,
} from "../learning/index.ts";
import { strongShareAfter, strongShareBefore } from "../select/strong-share-guard.ts";
import { strongShareStoreFor } from "../usage/strong-share-store.ts";
import { nextTierSelection, tierBelowSelection, type TierSelection } from "../select/neighbour-tiers.ts";
import { readSticky } from "../record/sticky-store.ts";

/** Primary plus fallbacks tried by dispatch. */
const MAX_CANDIDATES = 3;
/** Providers cache prompt prefixes from about this length on (OpenAI: 1,024 tokens). */
const MIN_CACHED_PREFIX_TOKENS = 1024;

export interface RoutePlan {
  decision: RoutingDecision;
  /** The prompt may belong to the next tier up (see decisionUncertain). */
  uncertain: boolean;
  objective: Objective;
  selection: Selection;
  /** The next tier's candidates, for escalation when an answer fails a cheap check. */
  escalation: TierSelection | undefined;
  /** The tier below's candidates, when this top-tier answer is sampled for a downward shadow comparison. */
  shadowBelow: TierSelection | undefined;
  endpoints: ReadonlyMap<string, ProviderEndpoint>;
  catalog: Catalog;
  baselineId: string;
  inputTokens: number;
  outputTokens: number;
  /** Where the sticky state after this turn is written, when the request has a conversation. */
  conversationKey: string | undefined;
  /** The caller asked for a fresh decision: the state written replaces the stored one. */
  stickyReset: boolean;
  sticky: StickyState | undefined;
  /** Microseconds spent deciding and selecting (0 where the runtime freezes clocks). */
  decisionMicros: number;
  /** The tenant's learning state, the decision id, and whether this request explores. */
  learning: RequestLearning;
  /** x-router-strong-share: the monitored key's top-tier share (auto routing only). */
  strongShare: string | undefined;
  /** What a stream cut after its first tokens does (router.on_stream_cut). */
  onStreamCut: "error" | "continue";
}

export interface PlanContext {
  env: Env;
  headers: Headers;
  waitUntil: (promise: Promise<unknown>) => void;
  /** The caller (auth stage); without one, the deployment policy applies. */
  identity?: Identity | undefined;
  /** What the caller may still spend, and when that resets (usage gate). */
  budgetRemainingUsd?: number | undefined;
  budgetResetSeconds?: number | undefined;
  /** Whose calibration applies (default: "default"). */
  tenant?: string | undefined;
  /** /v1/route never explores: a dry run must show the policy's decision. */
  explore?: boolean;
}

/** What planning reads from a request: its env, headers and background work, the caller, its budget and tenant. */
export function planContext(c: Context<AppEnv>, options: Pick<PlanContext, "explore"> = {}) {
  return {
    env: c.env,
    headers: c.req.raw.headers,
    waitUntil: (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise),
    identity: c.get("identity"),
    budgetRemainingUsd: c.get("budgetRemainingUsd"),
    budgetResetSeconds: c.get("budgetResetSeconds"),
    tenant: tenantOf(c),
    ...options,
  } satisfies PlanContext;
}

/**
 * Uncertain = the score lies within the uncertainty band *below* the boundary to the next tier up,
 * i.e. the prompt may need a stronger model. (Just above a boundary the decided tier is already
 * the higher one.) Overrides are never uncertain.
 */
export function decisionUncertain(decision: RoutingDecision, tiers: TierConfig): boolean {
  return decision.stage !== "override" && uncertainBelow(decision.score, decision.tier, tiers);
}

/** What routing reads from a request body besides the canonical request: the model and the router options. */
export type RoutableBody = Pick<ChatRequest, "model" | "router">;

export async function planRoute(ctx: PlanContext, body: RoutableBody, request: CanonicalRequest): Promise<RoutePlan> {
  const config = readConfig(ctx.env);
  const modelField = parseModelField(body.model);
  const options = { ...routerOptionsFromHeaders(ctx.headers), ...(body.router ?? {}) };
  const [catalog, learning] = await Promise.all([
    loadCatalog({
      kv: ctx.env.PRICING,
      ttlMs: config.catalogTtlSeconds * 1000,
      now: Date.now,
      waitUntil: ctx.waitUntil,
    }),
    planLearning(ctx.env, ctx.tenant, ctx.waitUntil, config.tiers),
  ]);
  const deployment = deploymentPolicy(ctx.env);
  const policy = ctx.identity ? effectivePolicy(deployment, ctx.identity, catalog.models) : deployment;
  // Sticky state costs a Durable Object round trip only for conversations with history. It is
  // scoped by caller: one key's conversation ids never steer another key's routing.
  // `router.sticky: false` (x-router-sticky: off) asks for a fresh decision: nothing is read, and
  // the tier served now is what later turns keep.
  const conversation = conversationRef(request, options.conversation_id);
  const scope = ctx.identity?.id ?? policy.name;
  const conversationKey = conversation ? `${scope}:${conversation.writeKey}` : undefined;
  const stickyReset = options.sticky === false;
  const readKey = conversation?.readKey && !stickyReset ? `${scope}:${conversation.readKey}` : undefined;
  const sticky = readKey ? await readSticky(ctx.env, readKey) : undefined;

  const started = performance.now();
  const objective =
    options.objective ?? (modelField.kind === "auto" ? modelField.objective : undefined) ?? config.defaultObjective;
  let decision: RoutingDecision =
    modelField.kind === "auto"
      ? await decideTier(request, learning.tiers, ctx, learning.adjust)
      : { tier: "simple", score: 0, confidence: 1, stage: "override" };
  let uncertain = decisionUncertain(decision, learning.tiers);
  const explored =
    modelField.kind === "auto" &&
    ctx.explore !== false &&
    exploresThis(learning, decision.score, {
      objective,
      minTier: options.min_tier,
      stickyTier: sticky?.tier,
      capTier: policy.max_tier !== TOP_TIER ? policy.max_tier : undefined,
    });
  if (explored) {
    decision = { ...decision, tier: EXPLORED_TIER };
    uncertain = false;
  }
  const endpoints = resolveEndpoints(ctx.env);
  const inputTokens = estimateInputTokens(request);
  const outputTokens = predictOutputTokens(request, decision.tier);
  const prefixTokens = sticky ? Math.ceil(historyPrefixChars(request) / 4) : 0;
  const baselineId = config.baselineModel ?? catalog.baseline;
  // Router-gaming defence: per client key (in its own Durable Object), starting from the deployment's baseline.
  const shareStore = strongShareStoreFor(ctx.env, ctx.waitUntil);
  const strongShare =
    modelField.kind === "auto"
      ? await strongShareBefore(shareStore, {
          deployment: { key: `policy:${deployment.name}`, policy: deployment },
          client: ctx.identity?.kind === "key" ? { key: ctx.identity.id, policy } : undefined,
        })
      : undefined;
  const selectionInput: SelectionInput = {
    models: catalog.models,
    availableProviders: new Set(endpoints.keys()),
    tier: decision.tier,
    uncertain,
    objective,
    options,
    policy,
    budgetRemainingUsd: ctx.budgetRemainingUsd,
    budgetResetSeconds: ctx.budgetResetSeconds,
    needs: requestNeeds(request),
    inputTokens,
    outputTokens,
    observedLatency: latencyTracker.estimates,
    sticky,
    cachedPrefixTokens: prefixTokens >= MIN_CACHED_PREFIX_TOKENS ? prefixTokens : 0,
    ...(modelField.kind === "model" ? { requestedModel: modelField.id } : {}),
    baselineId,
    maxCandidates: MAX_CANDIDATES,
    strongShareCap: strongShare?.judged.cap,
  };
  const selection = selectModels(selectionInput);
  if (strongShare) strongShareAfter(shareStore, strongShare, selection);
  const decisionMicros = Math.round((performance.now() - started) * 1000);
  const escalation = nextTierSelection(selectionInput, selection);
  const shadowBelow =
    modelField.kind === "auto" &&
    !explored &&
    shadowsDownThis(learning, selection.servedTier, { objective, minTier: options.min_tier, stickyTier: sticky?.tier })
      ? tierBelowSelection(selectionInput, selection)
      : undefined;
  return {
    decision,
    uncertain,
    objective,
    selection,
    escalation,
    shadowBelow,
    endpoints,
    catalog,
    baselineId,
    inputTokens,
    outputTokens,
    conversationKey,
    stickyReset,
    sticky,
    decisionMicros,
    learning: { ...learning, explored },
    strongShare: strongShare?.judged.header,
    onStreamCut: options.on_stream_cut ?? "error",
  };
}
