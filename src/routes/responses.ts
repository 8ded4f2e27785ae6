// POST /v1/responses (OpenAI Responses API), routed like chat; GET and DELETE /v1/responses/{id}
// for stored responses. previous_response_id continues a stored conversation (src/responses/).
import { Hono, type Context } from "hono";
import type { AppEnv } from "../env.ts";
import { readLimitedJson } from "../limits/read-request.ts";
import { serveRequest, SSE_HEADERS } from "../pipeline/serve-request.ts";
import { deleteResponse, loadResponse, newResponseId, storeResponse } from "../responses/stored-responses.ts";
import type { CanonicalMessage, CanonicalResponse } from "../schema/canonical.ts";
import { parseBody } from "../schema/parse-request.ts";
import { responsesRequestSchema, type ResponsesRequest } from "../schema/responses-request.ts";
import { responsesDroppedParams, responsesToCanonical } from "../schema/responses-to-canonical.ts";
import { toResponseObject } from "../stream/responses-format.ts";
import { toResponsesSse } from "../stream/responses-sse.ts";

const ownerOf = (c: Context<AppEnv>) => c.get("identity").id;

/** The answer as the assistant turn a follow-up continues from (reasoning kept for its provider). */
function assistantTurn(answer: CanonicalResponse): CanonicalMessage {
  return {
    role: "assistant",
    content: answer.content,
    toolCalls: answer.toolCalls,
    ...(answer.reasoning !== undefined
      ? {
          reasoning: [
            { text: answer.reasoning, ...(answer.reasoningSignature ? { signature: answer.reasoningSignature } : {}) },
          ],
        }
      : {}),
  };
}

export const responses = new Hono<AppEnv>()
  .post("/v1/responses", async (c) => {
    const body: ResponsesRequest = parseBody(responsesRequestSchema, await readLimitedJson(c.req.raw, c.env));
    const owner = ownerOf(c);
    const history = body.previous_response_id
      ? (await loadResponse(c.env, body.previous_response_id, owner, true)).messages
      : [];
    const request = responsesToCanonical(body, history);
    const served = await serveRequest(c, body, request, responsesDroppedParams(body));
    const who = { id: newResponseId(), model: served.served.model, createdAt: Math.floor(Date.now() / 1000) };
    // The stored conversation leaves out the instructions: a follow-up brings its own.
    const conversation = body.instructions ? request.messages.slice(1) : request.messages;
    const store = (answer: CanonicalResponse, response: Record<string, unknown>) => {
      if (body.store === false) return;
      const messages = [...conversation, assistantTurn(answer)];
      c.executionCtx.waitUntil(storeResponse(c.env, who.id, { owner, response, messages }));
    };

    if (served.kind === "stream") {
      const stream = toResponsesSse(served.parts, {
        who,
        body,
        usageExtra: served.costFields,
        finishExtra: served.finishNote,
        onComplete: store,
      });
      return new Response(stream, { headers: { ...served.headers, ...SSE_HEADERS } });
    }
    const { response } = served;
    const object = toResponseObject(response, who, body, response.usage ? served.costFields(response.usage) : {});
    store(response, object);
    return c.json(object, 200, served.headers);
  })
  .get("/v1/responses/:id", async (c) =>
    c.json((await loadResponse(c.env, c.req.param("id"), ownerOf(c), false)).response),
  )
  .delete("/v1/responses/:id", async (c) => {
    const id = c.req.param("id");
    await deleteResponse(c.env, id, ownerOf(c));
    return c.json({ id, object: "response", deleted: true });
  });
