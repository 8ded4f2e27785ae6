import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { readChatRequest } from "../limits/read-request.ts";
import { serveRequest, SSE_HEADERS } from "../pipeline/serve-request.ts";
import { routerDroppedParams, toCanonicalRequest } from "../schema/to-canonical.ts";
import { toChatCompletion } from "../stream/openai-format.ts";
import { toOpenAISse } from "../stream/openai-sse.ts";

export const chatCompletions = new Hono<AppEnv>().post("/v1/chat/completions", async (c) => {
  const body = await readChatRequest(c.req.raw, c.env);
  const request = toCanonicalRequest(body);
  const served = await serveRequest(c, body, request, routerDroppedParams(body));
  const meta = {
    id: `chatcmpl-${c.get("requestId")}`,
    model: served.served.model,
    created: Math.floor(Date.now() / 1000),
  };
  const legacyFunctions = body.functions != null;

  if (served.kind === "stream") {
    const stream = toOpenAISse(served.parts, {
      meta,
      includeUsage: request.includeUsage,
      usageExtra: served.costFields,
      finishExtra: served.finishNote,
      legacyFunctions,
    });
    return new Response(stream, { headers: { ...served.headers, ...SSE_HEADERS } });
  }
  const { response } = served;
  const usageExtra = response.usage ? served.costFields(response.usage) : {};
  return c.json(toChatCompletion(response, meta, { legacyFunctions, usageExtra }), 200, served.headers);
});
