// Parse -> decide -> select, shared by /v1/chat/completions and /v1/route.
// Everything here happens before any upstream call.
import { decideTier } from "../classify/gate";
import type { RoutingDecision } from "../classify/decision";
import { readConfig } from "../config";
import type { Env } from "../env";
import { resolveEndpoints } from "../providers/registry";
import type { ProviderEndpoint } from "../providers/types";
import { loadCatalog } from "../pricing/catalog-store";
import type { CanonicalRequest } from "../schema/canonical";
import { parseModelField } from "../schema/model-field";
import type { ChatRequest } from "../schema/openai-request";
import { routerOptionsFromHeaders } from "../schema/router-headers";
import type { Objective } from "../schema/router-options";
import { estimateInputTokens, predictOutputTokens } from "../select/estimate-tokens";
import { requestNeeds } from "../select/request-needs";
import { selectModels, type Selection, type SelectionInput } from "../select/select-model";
import { nextTierSelection, type EscalationPlan } from "./escalation";

/** Primary plus fallbacks tried by dispatch. */
const MAX_CANDIDATES = 3;

export interface RoutePlan {
  decision: RoutingDecision;
  objective: Objective;
  selection: Selection;
  /** The next tier's candidates, for escalation when an answer fails a cheap check. */
  escalation: EscalationPlan | undefined;
  endpoints: ReadonlyMap<string, ProviderEndpoint>;
  baselineId: string;
  inputTokens: number;
  outputTokens: number;
  /** Microseconds spent deciding and selecting (0 where the runtime freezes clocks). */
  decisionMicros: number;
}

export interface PlanContext {
  env: Env;
  headers: Headers;
  waitUntil: (promise: Promise<unknown>) => void;
}

export async function planRoute(ctx: PlanContext, body: ChatRequest, request: CanonicalRequest): Promise<RoutePlan> {
  const config = readConfig(ctx.env);
  const modelField = parseModelField(body.model);
  const options = { ...routerOptionsFromHeaders(ctx.headers), ...(body.router ?? {}) };
  const catalog = await loadCatalog({
    kv: ctx.env.PRICING,
    ttlMs: config.catalogTtlSeconds * 1000,
    now: Date.now,
    waitUntil: ctx.waitUntil,
  });

  const started = performance.now();
  const objective =
    options.objective ?? (modelField.kind === "auto" ? modelField.objective : undefined) ?? config.defaultObjective;
  const decision: RoutingDecision =
    modelField.kind === "auto"
      ? await decideTier(request, config.tiers, ctx)
      : { tier: "simple", score: 0, confidence: 1, stage: "override" };
  const endpoints = resolveEndpoints(ctx.env);
  const inputTokens = estimateInputTokens(request);
  const outputTokens = predictOutputTokens(request, decision.tier);
  const baselineId = config.baselineModel ?? catalog.baseline;
  const selectionInput: SelectionInput = {
    models: catalog.models,
    availableProviders: new Set(endpoints.keys()),
    tier: decision.tier,
    objective,
    options,
    needs: requestNeeds(request),
    inputTokens,
    outputTokens,
    ...(modelField.kind === "model" ? { requestedModel: modelField.id } : {}),
    baselineId,
    maxCandidates: MAX_CANDIDATES,
  };
  const selection = selectModels(selectionInput);
  const decisionMicros = Math.round((performance.now() - started) * 1000);
  const escalation = nextTierSelection(selectionInput, selection);
  return {
    decision,
    objective,
    selection,
    escalation,
    endpoints,
    baselineId,
    inputTokens,
    outputTokens,
    decisionMicros,
  };
}
