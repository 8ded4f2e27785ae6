// The chat request body, from bytes to a validated ChatRequest, with every input limit applied
// in order of cost: body size → UTF-8 → JSON depth → JSON → counts and lengths → schema → content.
// Nothing here scores, selects or calls upstream.
import type { Env } from "../env.ts";
import { invalidRequest } from "../errors.ts";
import type { ChatRequest } from "../schema/openai-request.ts";
import { parseChatRequest, parseJsonText } from "../schema/parse-request.ts";
import { checkJsonDepth } from "./json-depth.ts";
import { readLimits } from "./limits-config.ts";
import { readBodyText } from "./read-body.ts";
import { checkShape } from "./shape-limits.ts";

function hasContent(body: ChatRequest): boolean {
  return body.messages.some((message) => {
    if (message.role === "assistant" && (message.tool_calls?.length ?? 0) > 0) return true;
    const content = message.content;
    if (typeof content === "string") return content.trim().length > 0;
    return (content ?? []).some((part) => part.type !== "text" || part.text.trim().length > 0);
  });
}

/** A client request body as JSON, within every input limit (any wire format); not yet validated. */
export async function readLimitedJson(request: Request, env: Env): Promise<unknown> {
  const limits = readLimits(env);
  const text = await readBodyText(request, limits.maxBodyBytes);
  checkJsonDepth(text, limits.maxJsonDepth);
  const raw = parseJsonText(text);
  checkShape(raw, limits);
  return raw;
}

export async function readChatRequest(request: Request, env: Env): Promise<ChatRequest> {
  const body = parseChatRequest(await readLimitedJson(request, env));
  if (!hasContent(body)) {
    throw invalidRequest("Every message is empty: there is no prompt to route.", "messages", "empty_messages");
  }
  return body;
}
