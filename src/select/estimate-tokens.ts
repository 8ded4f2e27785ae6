// Fast token estimates for cost prediction (no tokenizer in the Worker).
import type { CanonicalRequest, Tier } from "../schema/canonical.ts";

/** Roughly what a provider bills for one image at default detail. */
const IMAGE_TOKENS = 765;
/** Per-message framing tokens in chat formats. */
const MESSAGE_OVERHEAD = 4;

/** ~4 characters per token for Latin text; good enough to rank candidates by cost. */
export function estimateInputTokens(request: CanonicalRequest): number {
  let chars = 0;
  let tokens = 0;
  for (const message of request.messages) {
    tokens += MESSAGE_OVERHEAD;
    switch (message.role) {
      case "user":
        for (const part of message.content) {
          if (part.type === "text") chars += part.text.length;
          else tokens += IMAGE_TOKENS;
        }
        break;
      case "assistant":
        chars += message.content?.length ?? 0;
        for (const call of message.toolCalls) chars += call.name.length + call.arguments.length;
        break;
      default:
        chars += message.content.length;
    }
  }
  if (request.tools) chars += JSON.stringify(request.tools).length;
  return tokens + Math.ceil(chars / 4);
}

/** Typical completion lengths per tier when the caller sets no max_tokens. */
const TYPICAL_OUTPUT: Record<Tier, number> = { simple: 150, moderate: 400, complex: 1000 };

export function predictOutputTokens(request: CanonicalRequest, tier: Tier): number {
  const typical = TYPICAL_OUTPUT[tier];
  return request.maxTokens !== undefined ? Math.min(request.maxTokens, typical * 4) : typical;
}

/** More than any provider bills for one image (the largest sizes at high detail). */
const IMAGE_TOKENS_MAX = 2_500;
/** Providers wrap tool definitions in a hidden prompt of their own (Anthropic's is a few hundred tokens). */
const TOOLS_OVERHEAD_MAX = 1_000;
/** Per-message framing and the reply's opening, generously. */
const MESSAGE_OVERHEAD_MAX = 8;
const REQUEST_OVERHEAD_MAX = 32;

/** UTF-8 bytes of `text`, without encoding it. */
function utf8Bytes(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code < 0xdc00 && i + 1 < text.length) {
      bytes += 4; // a surrogate pair: one 4-byte code point
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/**
 * An upper bound on the input tokens a provider can bill for this request (for budget reservations,
 * which must never under-count): a token covers at least one UTF-8 byte in every tokenizer the
 * providers use, so bytes bound tokens; images, tool framing and message framing at their largest.
 * About 4× the usual count for English text.
 */
export function inputTokensUpperBound(request: CanonicalRequest): number {
  let bytes = 0;
  let tokens = REQUEST_OVERHEAD_MAX;
  for (const message of request.messages) {
    tokens += MESSAGE_OVERHEAD_MAX;
    switch (message.role) {
      case "user":
        for (const part of message.content) {
          if (part.type === "text") bytes += utf8Bytes(part.text);
          else tokens += IMAGE_TOKENS_MAX;
        }
        break;
      case "assistant":
        bytes += utf8Bytes(message.content ?? "");
        for (const call of message.toolCalls) bytes += utf8Bytes(call.name) + utf8Bytes(call.arguments) + 16;
        // Earlier reasoning sent back (Responses and Messages clients): its provider may bill it as input.
        for (const item of message.reasoning ?? []) bytes += utf8Bytes(item.text) + (item.redacted?.length ?? 0);
        break;
      default:
        bytes += utf8Bytes(message.content);
    }
  }
  if (request.tools) bytes += utf8Bytes(JSON.stringify(request.tools)) + TOOLS_OVERHEAD_MAX;
  if (request.responseFormat?.type === "json_schema") bytes += utf8Bytes(JSON.stringify(request.responseFormat));
  return tokens + bytes;
}
