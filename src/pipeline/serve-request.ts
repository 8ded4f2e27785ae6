// The one owner of a routed request, whatever wire format it came in: plan -> budget reservation
// -> dispatch -> the served answer (a canonical response or stream parts, with accounting and
// learning attached) plus the x-router-* headers. The observers (accounting, learning, the headers)
// get fact records (schema/facts.ts), never the plan. Every billed attempt is charged and the key's
// hold settled here, whichever way the request ends. Routes only translate in (to canonical) and
// out (to their format).
import type { Context } from "hono";
import { systemClock } from "../dispatch/clock.ts";
import { readDispatchConfig } from "../dispatch/config.ts";
import { dispatch, failedDispatchAttempts } from "../dispatch/dispatch.ts";
import { dispatchStateFor } from "../dispatch/state.ts";
import { continuationFields } from "../dispatch/stream-continuation.ts";
import type { DispatchOutcome } from "../dispatch/types.ts";
import type { AppEnv } from "../env.ts";
import { RouterError } from "../errors.ts";
import { startLearning } from "../learning/index.ts";
import { formatUsd } from "../pricing/cost.ts";
import { getProvider } from "../providers/registry.ts";
import { startAccounting } from "../record/accounting.ts";
import type { CanonicalRequest, CanonicalResponse, StreamPart, Usage } from "../schema/canonical.ts";
import type { DecisionFacts, ServedFacts } from "../schema/facts.ts";
import { reserveBudget } from "../usage/budget-hold.ts";
import { decisionFacts, servedFacts } from "./facts.ts";
import { planContext, planRoute, type RoutableBody } from "./plan-route.ts";
import { dispatchHeaders, routerHeaders } from "./router-headers.ts";

interface ServedBase {
  /** What was decided (the route's output may need the estimates, e.g. Anthropic's input tokens). */
  decided: DecisionFacts;
  served: ServedFacts;
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
  const ctx = planContext(c);
  const { env, waitUntil, identity } = ctx;
  const plan = await planRoute(ctx, body, request);
  const requestId = c.get("requestId");
  const decided = decisionFacts(plan, requestId);
  const models = plan.catalog.models;
  const deps = {
    fetch: (input: RequestInfo | URL, init?: RequestInit) => fetch(input, init),
    clock: systemClock,
    config: readDispatchConfig(env),
    state: dispatchStateFor(env),
  };
  const learning = startLearning(
    { env, waitUntil, request, deps, identity, models, endpoints: plan.endpoints },
    decided,
    plan.learning,
    { up: plan.escalation, down: plan.shadowBelow },
  );
  // The key's budget: its worst case reserved before any upstream call (429 when it cannot fit);
  // from here on, every way out settles it (the accounting below).
  const hold = identity
    ? await reserveBudget({ env, identity, holdId: requestId, waitUntil }, models, request, plan.selection.candidates)
    : undefined;
  const accounting = startAccounting({ env, waitUntil, identity, hold, models }, decided);

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
  const served = servedFacts(plan, outcome);
  const headers: Record<string, string> = {
    ...routerHeaders(decided, served),
    ...dispatchHeaders(request, outcome),
    ...learning.headers(),
    ...hold?.headers(),
  };
  const dropped = [
    ...droppedByFormat,
    ...(getProvider(served.provider)?.adapter.droppedParams(request, outcome.candidate.model) ?? []),
  ];
  if (dropped.length > 0) headers["x-router-dropped-params"] = [...new Set(dropped)].join(",");
  const base = {
    decided,
    served,
    headers,
    costFields: (usage: Usage) => accounting.usageFields(servedFacts(plan, outcome), usage),
    // A cut stream finished by another model says so where the answer ends.
    finishNote: () => continuationFields(outcome.continued),
  };

  if (outcome.kind === "stream") {
    // Read when the stream ends: a continuation changes the model that served it.
    const final = () => servedFacts(plan, outcome);
    const parts = accounting.meter(learning.watch(outcome.parts, final), final);
    return { ...base, kind: "stream", parts };
  }
  const { response } = outcome;
  headers["x-router-cost-usd"] = formatUsd(accounting.finishResponse(served).costUsd);
  learning.finishResponse(served, response);
  return { ...base, kind: "response", response };
}

/** SSE response headers shared by every streaming format. */
export const SSE_HEADERS = {
  "content-type": "text/event-stream; charset=utf-8",
  "cache-control": "no-cache",
  connection: "keep-alive",
} as const;
