// Canonical request -> what the scorer reads: the conversation's user turns (the
// task: a chat is scored as a whole, so a follow-up such as "now make it faster"
// keeps the weight of what it follows), a bounded context (system prompts, then
// assistant and tool messages, most recent first), and request flags.
import type { CanonicalMessage, CanonicalRequest } from "../schema/canonical.ts";
import { SCORE_FLAGS, type ScorerInput } from "./scorer.ts";

/** Context beyond this many UTF-16 units is not read: scoring cost stays bounded. */
const CONTEXT_CHAR_LIMIT = 16_384;

export function messageText(message: CanonicalMessage): string {
  switch (message.role) {
    case "user": {
      let text = "";
      for (const part of message.content) if (part.type === "text") text += text ? `\n${part.text}` : part.text;
      return text;
    }
    case "assistant":
      return message.content ?? "";
    default:
      return message.content;
  }
}

export function promptView(request: CanonicalRequest): ScorerInput {
  const { messages } = request;
  let lastUser = -1;
  let primary = "";
  for (let i = 0; i < messages.length; i++) {
    if (messages[i]!.role !== "user") continue;
    const text = messageText(messages[i]!);
    if (text) primary += primary ? `\n${text}` : text;
    lastUser = i;
  }

  // System prompts first (they frame the task), then the other messages newest-first, until the limit.
  let context = "";
  let contextTotalLength = 0;
  const append = (text: string) => {
    if (text) contextTotalLength += text.length + (contextTotalLength > 0 ? 1 : 0);
    if (!text || context.length >= CONTEXT_CHAR_LIMIT) return;
    context += (context ? "\n" : "") + text.slice(0, CONTEXT_CHAR_LIMIT - context.length);
  };
  for (const message of messages) if (message.role === "system") append(message.content);
  for (let i = messages.length - 1; i >= 0; i--) {
    const role = messages[i]!.role;
    if (role !== "system" && role !== "user") append(messageText(messages[i]!));
  }

  let flags = 0;
  if (request.tools && request.tools.length > 0) flags |= SCORE_FLAGS.tools;
  if (messages.some((m) => m.role === "user" && m.content.some((part) => part.type === "image"))) {
    flags |= SCORE_FLAGS.images;
  }
  const format = request.responseFormat?.type;
  if (format === "json_object") flags |= SCORE_FLAGS.json;
  if (format === "json_schema") flags |= SCORE_FLAGS.jsonSchema;

  return {
    primary,
    context,
    flags,
    maxTokens: request.maxTokens ?? 0,
    turns: lastUser >= 0 ? lastUser : messages.length,
    contextTotalLength,
  };
}
