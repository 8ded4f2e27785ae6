// The one owner of a routed request, whatever wire format it came in: plan -> budget reservation
// -> dispatch -> the served answer (a canonical response or stream parts, with accounting and
// learning attached) plus the x-router-* headers. Every billed attempt is charged and the key's
// hold settled here, whichever way the request ends. Routes only translate in (to canonical) and
// out (to their format).
import type { Context } from "hono";
import { systemClock } from "../dispatch/clock.ts";
import { readDispatchConfig } from "../dispatch/config.ts";
import { dispatch, failedDispatchAttempts, type DispatchOutcome } from "../dispatch/dispatch.ts";
import { dispatchStateFor } from "../dispatch/state.ts";
import { continuationFields } from "../dispatch/stream-continuation.ts";
import type { AppEnv } from "../env.ts";
import { RouterError } from "../errors.ts";
import { startLearning } from "../learning/request-learning.ts";
import { tenantOf } from "../learning/tenant.ts";
import { getProvider } from "../providers/registry.ts";
import { startAccounting } from "../record/accounting.ts";
import type { CanonicalRequest, CanonicalResponse, StreamPart, Usage } from "../schema/canonical.ts";
import type { Candidate } from "../select/select-model.ts";
import { reserveBudget } from "../usage/budget-hold.ts";
import { planRoute, type RoutableBody, type RoutePlan } from "./plan-route.ts";
import { routerHeaders } from "./router-headers.ts";

/** What dispatch did beyond the routing decision: escalation, failed answer checks, skipped fallbacks, budget caps. */
function dispatchHeaders(plan: RoutePlan, request: CanonicalRequest, outcome: DispatchOutcome): Record<string, string> {
  const headers: Record<string, string> = {};
  if (outcome.escalated) {
    headers["x-router-escalated"] = outcome.escalated.reason;
    headers["x-router-escalated-from"] = outcome.escalated.from;
    if (plan.escalation) headers["x-router-tier"] = plan.escalation.tier;
  }
  if (outcome.failedCheck) headers["x-router-answer-check"] = outcome.failedCheck;
  if (outcome.attempts.some((attempt) => attempt.hedge)) headers["x-router-hedged"] = "1";
  if (outcome.fallbackSkipped) headers["x-router-fallback-skipped"] = outcome.fallbackSkipped;
  const cap = outcome.attempts.findLast((attempt) => attempt.outcome === "served")?.maxTokens;
  if (cap !== undefined && cap < (request.maxTokens ?? Infinity)) headers["x-router-budget-max-tokens"] = String(cap);
  return headers;
}

interface ServedBase {
  plan: RoutePlan;
  served: Candidate;
  headers: Record<string, string>;
  /**
   * The router's cost fields for the served answer's usage: cost_usd (every billed attempt of the
   * request, as x-router-cost-usd) and baseline_cost_usd.
   */
  costFields: (usage: Usage) => Record<string, number>;
  /** Top-level fields for the end of a stream: what the router did to it (a continuation), if anything. */
  finishNote: () => Record<string, unknown> | undefined;
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
  const deps = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    clock: systemClock,
    config: readDispatchConfig(c.env),
    state: dispatchStateFor(c.env),
  };
  const learning = startLearning({ env: c.env, waitUntil, request, deps, identity }, plan);
  // The key's budget: its worst case reserved before any upstream call (429 when it cannot fit);
  // from here on, every way out settles it (the accounting below).
  const hold = await reserveBudget(
    { env: c.env, identity, holdId: requestId, waitUntil },
    plan,
    request,
    plan.selection.candidates,
  );
  const accounting = startAccounting({ env: c.env, waitUntil, requestId, identity, hold }, plan);

  let outcome: DispatchOutcome;
  try {
    outcome = await dispatch(
      {
        request,
        candidates: plan.selection.candidates,
        escalation: plan.escalation?.candidates ?? [],
        endpoints: plan.endpoints,
        latencySensitive: plan.objective === "latency",
        budget: hold,
        onStreamCut: plan.onStreamCut,
      },
      deps,
    );
  } catch (err) {
    // Failed attempts may still be billed (a timeout the provider kept generating for).
    accounting.failed(failedDispatchAttempts(err));
    throw hold && err instanceof RouterError ? err.with({ headers: hold.headers() }) : err;
  }
  const served = outcome.candidate;
  const headers: Record<string, string> = {
    ...routerHeaders(plan, requestId, served, outcome.attempts.length),
    ...dispatchHeaders(plan, request, outcome),
    ...learning.headers(),
    ...hold?.headers(),
  };
  const dropped = [
    ...droppedByFormat,
    ...(getProvider(served.model.provider)?.adapter.droppedParams(request, served.model) ?? []),
  ];
  if (dropped.length > 0) headers["x-router-dropped-params"] = [...new Set(dropped)].join(",");
  const base = {
    plan,
    served,
    headers,
    costFields: (usage: Usage) => accounting.usageFields(outcome, usage),
    // A cut stream finished by another model says so where the answer ends.
    finishNote: () => continuationFields(outcome.continued),
  };

  if (outcome.kind === "stream") {
    const parts = accounting.meter(learning.watch(outcome), outcome);
    return { ...base, kind: "stream", parts };
  }
  const { response } = outcome;
  Object.assign(headers, accounting.finishResponse(outcome));
  learning.finishResponse(outcome);
  return { ...base, kind: "response", response };
}

/** SSE response headers shared by every streaming format. */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
} as const;
