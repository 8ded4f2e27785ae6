// POST /v1/messages (Anthropic Messages), routed like chat with `model: "auto"` or a catalog id.
// Errors on this path use Anthropic's envelope (index.ts onError).
import { Hono } from "hono";
import type { AppEnv } from "../env.ts";
import { invalidRequest } from "../errors.ts";
import { readLimitedJson } from "../limits/read-request.ts";
import { serveRequest, SSE_HEADERS } from "../pipeline/serve-request.ts";
import { anthropicRequestSchema } from "../schema/anthropic-request.ts";
import { anthropicDroppedByRouter, anthropicToCanonical } from "../schema/anthropic-to-canonical.ts";
import { parseBody } from "../schema/parse-request.ts";
import { toAnthropicMessage } from "../stream/anthropic-format.ts";
import { toAnthropicSse } from "../stream/anthropic-sse.ts";

/** Dated API versions (2023-06-01 is the one every SDK sends); absent means that one. */
const VERSION = /^\d{4}-\d{2}-\d{2}$/;

export const messages = new Hono<AppEnv>().post("/v1/messages", async (c) => {
  const version = c.req.header("anthropic-version");
  if (version !== undefined && !VERSION.test(version.trim())) {
    throw invalidRequest(`anthropic-version: '${version.slice(0, 40)}' is not a valid version.`, "anthropic-version");
  }
  const body = parseBody(anthropicRequestSchema, await readLimitedJson(c.req.raw, c.env));
  const request = anthropicToCanonical(body);
  const served = await serveRequest(c, body, request, anthropicDroppedByRouter(body));
  const meta = { id: `msg_${crypto.randomUUID().replace(/-/g, "")}`, model: served.served.model };

  if (served.kind === "stream") {
    const stream = toAnthropicSse(served.parts, {
      meta,
      estimatedInputTokens: served.decided.inputTokens,
      usageExtra: served.costFields,
      finishExtra: served.finishNote,
    });
    return new Response(stream, { headers: { ...served.headers, ...SSE_HEADERS } });
  }
  const { response } = served;
  const usageExtra = response.usage ? served.costFields(response.usage) : {};
  return c.json(toAnthropicMessage(response, meta, usageExtra), 200, served.headers);
});
