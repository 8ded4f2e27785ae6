import { Hono } from "hono";
import type { AppEnv } from "../env";
import { readChatRequest } from "../limits/read-chat-request";
import { serveRequest, SSE_HEADERS } from "../pipeline/serve-request";
import { routerDroppedParams, toCanonicalRequest } from "../schema/to-canonical";
import { toChatCompletion } from "../stream/openai-format";
import { toOpenAISse } from "../stream/openai-sse";

export const chatCompletions = new Hono<AppEnv>().post("/v1/chat/completions", async (c) => {
  const body = await readChatRequest(c.req.raw, c.env);
  const request = toCanonicalRequest(body);
  const served = await serveRequest(c, body, request, routerDroppedParams(body));
  const meta = {
    id: `chatcmpl-${c.get("requestId")}`,
    model: served.served.model.id,
    created: Math.floor(Date.now() / 1000),
  };
  const legacyFunctions = body.functions != null;

  if (served.kind === "stream") {
    const stream = toOpenAISse(served.parts, {
      meta,
      includeUsage: request.includeUsage,
      usageExtra: served.costFields,
      legacyFunctions,
    });
    return new Response(stream, { headers: { ...served.headers, ...SSE_HEADERS } });
  }
  const { response } = served;
  const usageExtra = response.usage ? served.costFields(response.usage) : {};
  return c.json(toChatCompletion(response, meta, { legacyFunctions, usageExtra }), 200, served.headers);
});
