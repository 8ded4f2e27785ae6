import { Hono } from "hono";
import { dispatch } from "../dispatch/dispatch";
import type { AppEnv } from "../env";
import { planRoute } from "../pipeline/plan-route";
import { routerHeaders } from "../pipeline/router-headers";
import { startAccounting, usageCostFields } from "../record/accounting";
import { readJsonBody, parseChatRequest } from "../schema/parse-request";
import { toCanonicalRequest } from "../schema/to-canonical";
import { toChatCompletion } from "../stream/openai-format";
import { toOpenAISse } from "../stream/openai-sse";

export const chatCompletions = new Hono<AppEnv>().post("/v1/chat/completions", async (c) => {
  const body = parseChatRequest(await readJsonBody(c.req.raw));
  const request = toCanonicalRequest(body);
  const waitUntil = (promise: Promise<unknown>) => c.executionCtx.waitUntil(promise);
  const plan = await planRoute({ env: c.env, headers: c.req.raw.headers, waitUntil }, body, request);
  const requestId = c.get("requestId");
  const accounting = startAccounting({ env: c.env, waitUntil, requestId }, plan);

  const outcome = await dispatch(request, plan.selection.candidates, plan.endpoints, {
    fetch: (...args) => fetch(...args),
  });
  const served = outcome.candidate;
  const headers = routerHeaders(plan, requestId, served, outcome.attempts.length);
  const meta = { id: `chatcmpl-${requestId}`, model: served.model.id, created: Math.floor(Date.now() / 1000) };

  if (outcome.kind === "stream") {
    const stream = toOpenAISse(accounting.meter(outcome.parts, served, outcome.attempts.length), {
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
  return c.json(toChatCompletion(response, meta), 200, headers);
});
