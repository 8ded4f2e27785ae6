import { Hono } from "hono";
import { systemClock } from "../dispatch/clock";
import { readDispatchConfig } from "../dispatch/config";
import { dispatch, type DispatchOutcome } from "../dispatch/dispatch";
import { dispatchStateFor } from "../dispatch/state";
import type { AppEnv } from "../env";
import { startLearning } from "../learning/request-learning";
import { tenantOf } from "../learning/tenant";
import { planRoute, type RoutePlan } from "../pipeline/plan-route";
import { routerHeaders } from "../pipeline/router-headers";
import { startAccounting, usageCostFields } from "../record/accounting";
import { readChatRequest } from "../limits/read-chat-request";
import { toCanonicalRequest } from "../schema/to-canonical";
import { toChatCompletion } from "../stream/openai-format";
import { toOpenAISse } from "../stream/openai-sse";

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
  if (outcome.fallbackSkipped) headers["x-router-fallback-skipped"] = outcome.fallbackSkipped;
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
  const headers = {
    ...routerHeaders(plan, requestId, served, outcome.attempts.length),
    ...dispatchHeaders(plan, outcome),
    ...learning.headers(),
  };
  const meta = { id: `chatcmpl-${requestId}`, model: served.model.id, created: Math.floor(Date.now() / 1000) };

  if (outcome.kind === "stream") {
    const stream = toOpenAISse(accounting.meter(learning.watch(outcome), served, outcome.attempts.length), {
      meta,
      includeUsage: request.includeUsage,
      usageExtra: (usage) => usageCostFields(plan, served, usage),
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
  Object.assign(headers, accounting.finishResponse(served, outcome.attempts.length, response.usage));
  learning.finishResponse(outcome);
  return c.json(toChatCompletion(response, meta), 200, headers);
});
