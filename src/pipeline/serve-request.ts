// The one owner of a routed request, whatever wire format it came in: plan -> dispatch -> the
// served answer (a canonical response or stream parts, with accounting and learning attached)
// plus the x-router-* headers. Routes only translate in (to canonical) and out (to their format).
import type { Context } from "hono";
import { systemClock } from "../dispatch/clock";
import { readDispatchConfig } from "../dispatch/config";
import { dispatch, type DispatchOutcome } from "../dispatch/dispatch";
import { dispatchStateFor } from "../dispatch/state";
import type { AppEnv } from "../env";
import { startLearning } from "../learning/request-learning";
import { tenantOf } from "../learning/tenant";
import { getProvider } from "../providers/registry";
import { startAccounting, usageCostFields } from "../record/accounting";
import type { CanonicalRequest, CanonicalResponse, StreamPart, Usage } from "../schema/canonical";
import type { Candidate } from "../select/select-model";
import { planRoute, type RoutableBody, type RoutePlan } from "./plan-route";
import { routerHeaders } from "./router-headers";

/** What dispatch did beyond the routing decision: escalation and failed answer checks. */
function dispatchHeaders(plan: RoutePlan, outcome: DispatchOutcome): Record<string, string> {
  const headers: Record<string, string> = {};
  if (outcome.escalated) {
    headers["x-router-escalated"] = outcome.escalated.reason;
    headers["x-router-escalated-from"] = outcome.escalated.from;
    if (plan.escalation) headers["x-router-tier"] = plan.escalation.tier;
  }
  if (outcome.failedCheck) headers["x-router-answer-check"] = outcome.failedCheck;
  if (outcome.attempts.some((attempt) => attempt.hedge)) headers["x-router-hedged"] = "1";
  return headers;
}

interface ServedBase {
  plan: RoutePlan;
  served: Candidate;
  headers: Record<string, string>;
  /** The router's cost fields for a usage object (cost_usd, baseline_cost_usd). */
  costFields: (usage: Usage) => Record<string, number>;
}
export type Served =
  | (ServedBase & { kind: "response"; response: CanonicalResponse })
  | (ServedBase & { kind: "stream"; parts: ReadableStream<StreamPart> });

/**
 * Routes and serves `request`. `droppedByFormat` names fields the client's wire format carried but
 * the router leaves out for every provider; the served provider's own drops are added to them.
 */
export async function serveRequest(
  c: Context<AppEnv>,
  body: RoutableBody,
  request: CanonicalRequest,
  droppedByFormat: readonly string[] = [],
): Promise<Served> {
  const waitUntil = (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise);
  const identity = c.get("identity");
  const plan = await planRoute(
    {
      env: c.env,
      headers: c.req.raw.headers,
      waitUntil,
      identity,
      budgetRemainingUsd: c.get("budgetRemainingUsd"),
      budgetResetSeconds: c.get("budgetResetSeconds"),
      tenant: tenantOf(c),
    },
    body,
    request,
  );
  const requestId = c.get("requestId");
  const accounting = startAccounting({ env: c.env, waitUntil, requestId, identity }, plan);
  const deps = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    clock: systemClock,
    config: readDispatchConfig(c.env),
    state: dispatchStateFor(c.env),
  };
  const learning = startLearning({ env: c.env, waitUntil, request, deps }, plan);

  const outcome = await dispatch(
    {
      request,
      candidates: plan.selection.candidates,
      escalation: plan.escalation?.candidates ?? [],
      endpoints: plan.endpoints,
      latencySensitive: plan.objective === "latency",
    },
    deps,
  );
  const served = outcome.candidate;
  const headers: Record<string, string> = {
    ...routerHeaders(plan, requestId, served, outcome.attempts.length),
    ...dispatchHeaders(plan, outcome),
    ...learning.headers(),
  };
  const dropped = [
    ...droppedByFormat,
    ...(getProvider(served.model.provider)?.adapter.droppedParams(request, served.model) ?? []),
  ];
  if (dropped.length > 0) headers["x-router-dropped-params"] = [...new Set(dropped)].join(",");
  const base = { plan, served, headers, costFields: (usage: Usage) => usageCostFields(plan, served, usage) };

  if (outcome.kind === "stream") {
    const parts = accounting.meter(learning.watch(outcome), served, outcome.attempts.length);
    return { ...base, kind: "stream", parts };
  }
  const { response } = outcome;
  Object.assign(headers, accounting.finishResponse(served, outcome.attempts.length, response.usage));
  learning.finishResponse(outcome);
  return { ...base, kind: "response", response };
}

/** SSE response headers shared by every streaming format. */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
} as const;
