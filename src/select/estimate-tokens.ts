// Fast token estimates for cost prediction (no tokenizer in the Worker).
import type { CanonicalRequest, Tier } from "../schema/canonical";

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
