// Canonical response -> an Anthropic Messages `message` object; errors -> Anthropic's envelope.
import type { RouterError } from "../errors.ts";
import type { CanonicalResponse, FinishReason, ToolCall, Usage } from "../schema/canonical.ts";

export const STOP_REASONS: Record<FinishReason, string> = {
  stop: "end_turn",
  length: "max_tokens",
  tool_calls: "tool_use",
  content_filter: "refusal",
};

/** Anthropic counts cache reads and writes apart from input_tokens; canonical input includes them. */
export function anthropicUsage(usage: Usage, extra: Record<string, unknown> = {}) {
  const read = usage.cachedInputTokens ?? 0;
  const written = usage.cacheWriteInputTokens ?? 0;
  return {
    input_tokens: Math.max(0, usage.inputTokens - read - written),
    output_tokens: usage.outputTokens,
    cache_creation_input_tokens: written,
    cache_read_input_tokens: read,
    ...extra,
  };
}

export function toolInput(call: ToolCall): Record<string, unknown> {
  try {
    const input = JSON.parse(call.arguments) as unknown;
    if (input && typeof input === "object" && !Array.isArray(input)) return input as Record<string, unknown>;
  } catch {
    // A model that produced invalid JSON: keep its text where the client can see it.
  }
  return { _raw_arguments: call.arguments };
}

export function toAnthropicMessage(
  response: CanonicalResponse,
  meta: { id: string; model: string },
  usageExtra: Record<string, unknown>,
) {
  const content: Record<string, unknown>[] = [];
  if (response.reasoning !== undefined) {
    content.push({ type: "thinking", thinking: response.reasoning, signature: response.reasoningSignature ?? "" });
  }
  if (response.content) content.push({ type: "text", text: response.content });
  for (const call of response.toolCalls) {
    content.push({ type: "tool_use", id: call.id, name: call.name, input: toolInput(call) });
  }
  return {
    id: meta.id,
    type: "message",
    role: "assistant",
    model: meta.model,
    content,
    stop_reason: STOP_REASONS[response.finishReason],
    stop_sequence: null,
    usage: response.usage
      ? anthropicUsage(response.usage, usageExtra)
      : anthropicUsage({ inputTokens: 0, outputTokens: 0 }),
  };
}

/** Anthropic's error types are named by HTTP status (https://docs.anthropic.com/en/api/errors). */
const ANTHROPIC_ERROR_TYPES: Record<number, string> = {
  400: "invalid_request_error",
  401: "authentication_error",
  403: "permission_error",
  404: "not_found_error",
  413: "request_too_large",
  429: "rate_limit_error",
  503: "overloaded_error",
  529: "overloaded_error",
};

/**
 * Anthropic's error envelope; the OpenAI code and param ride along for clients that want them, and
 * so does the metadata (what dispatch tried before it gave up).
 */
export function anthropicErrorBody(error: RouterError) {
  const type = ANTHROPIC_ERROR_TYPES[error.status] ?? (error.status < 500 ? "invalid_request_error" : "api_error");
  const metadata = error.metadata ? { metadata: error.metadata } : {};
  return { type: "error", error: { type, message: error.message, code: error.code, param: error.param, ...metadata } };
}
