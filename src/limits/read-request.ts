// Request bodies, from bytes to JSON within the input limits, in order of cost: body size → UTF-8
// → JSON depth → JSON → counts and lengths (→ schema → content, for chat). Client bodies use the
// deployment's limits (limits-config.ts); admin bodies (catalogs, price files) larger fixed ones.
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

/** Admin bodies (catalogs, LiteLLM price files) may be large, but not unbounded. */
const ADMIN_MAX_BODY_BYTES = 32 * 1024 * 1024;
const ADMIN_MAX_JSON_DEPTH = 64;

/**
 * An admin body as JSON, within the admin size and depth limits; not yet validated.
 * `ifEmpty`: what an empty (or all-whitespace) body stands for, where the route allows one.
 */
export async function readAdminJson(request: Request, ifEmpty?: unknown): Promise<unknown> {
  const text = await readBodyText(request, ADMIN_MAX_BODY_BYTES);
  if (ifEmpty !== undefined && text.trim() === "") return ifEmpty;
  checkJsonDepth(text, ADMIN_MAX_JSON_DEPTH);
  return parseJsonText(text);
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
