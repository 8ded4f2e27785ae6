import { Hono } from "hono";
import { systemClock } from "../dispatch/clock";
import { readDispatchConfig } from "../dispatch/config";
import { dispatch, failedDispatchAttempts, type DispatchOutcome } from "../dispatch/dispatch";
import { dispatchStateFor } from "../dispatch/state";
import { continuationFields } from "../dispatch/stream-continuation";
import type { AppEnv } from "../env";
import { startLearning } from "../learning/request-learning";
import { tenantOf } from "../learning/tenant";
import { planRoute, type RoutePlan } from "../pipeline/plan-route";
import { routerHeaders } from "../pipeline/router-headers";
import { startAccounting } from "../record/accounting";
import { RouterError } from "../errors";
import { reserveBudget } from "../usage/budget-hold";
import { readChatRequest } from "../limits/read-chat-request";
import type { CanonicalRequest } from "../schema/canonical";
import { toCanonicalRequest } from "../schema/to-canonical";
import { toChatCompletion } from "../stream/openai-format";
import { toOpenAISse } from "../stream/openai-sse";

/** What dispatch did beyond the routing decision: escalation and failed answer checks. */
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

export const chatCompletions = new Hono<AppEnv>().post("/v1/chat/completions", async (c) => {
  const body = await readChatRequest(c.req.raw, c.env);
  const request = toCanonicalRequest(body);
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
  const headers = {
    ...routerHeaders(plan, requestId, served, outcome.attempts.length),
    ...dispatchHeaders(plan, request, outcome),
    ...learning.headers(),
    ...hold?.headers(),
  };
  const meta = { id: `chatcmpl-${requestId}`, model: served.model.id, created: Math.floor(Date.now() / 1000) };

  if (outcome.kind === "stream") {
    const stream = toOpenAISse(accounting.meter(learning.watch(outcome), outcome), {
      meta,
      includeUsage: request.includeUsage,
      usageExtra: (usage) => accounting.usageFields(outcome, usage),
      // A cut stream finished by another model says so where the answer ends.
      finishExtra: () => continuationFields(outcome.continued),
    });
    return new Response(stream, {
      headers: {
        ...headers,
        "content-type": "text/event-stream; charset=utf-8",
        "cache-control": "no-cache",
        connection: "keep-alive",
      },
    });
  }

  const { response } = outcome;
  Object.assign(headers, accounting.finishResponse(outcome));
  learning.finishResponse(outcome);
  return c.json(toChatCompletion(response, meta), 200, headers);
});
