// Canonical response / usage -> OpenAI Chat Completions JSON shapes.
import type { CanonicalResponse, Usage } from "../schema/canonical.ts";

export interface ResponseMeta {
  id: string;
  model: string;
  /** Unix seconds. */
  created: number;
}

export function toOpenAIUsage(usage: Usage) {
  const out: Record<string, unknown> = {
    prompt_tokens: usage.inputTokens,
    completion_tokens: usage.outputTokens,
    total_tokens: usage.inputTokens + usage.outputTokens,
  };
  if (usage.cachedInputTokens !== undefined) out.prompt_tokens_details = { cached_tokens: usage.cachedInputTokens };
  if (usage.reasoningTokens !== undefined) out.completion_tokens_details = { reasoning_tokens: usage.reasoningTokens };
  return out;
}

export interface ChatFormatOptions {
  /** The client sent legacy `functions`: answer with `function_call` instead of `tool_calls`. */
  legacyFunctions?: boolean;
  /** Extra fields merged into `usage` (the router's cost accounting). */
  usageExtra?: Record<string, unknown>;
}

export function toChatCompletion(response: CanonicalResponse, meta: ResponseMeta, options: ChatFormatOptions = {}) {
  const message: Record<string, unknown> = { role: "assistant", content: response.content, refusal: null };
  if (response.reasoning) message.reasoning_content = response.reasoning;
  let finishReason: string = response.finishReason;
  const first = response.toolCalls[0];
  if (options.legacyFunctions && first) {
    message.function_call = { name: first.name, arguments: first.arguments };
    if (finishReason === "tool_calls") finishReason = "function_call";
  } else if (response.toolCalls.length > 0) {
    message.tool_calls = response.toolCalls.map((call) => ({
      id: call.id,
      type: "function",
      function: { name: call.name, arguments: call.arguments },
    }));
  }
  return {
    id: meta.id,
    object: "chat.completion",
    created: meta.created,
    model: meta.model,
    choices: [
      {
        index: 0,
        message,
        logprobs: response.logprobs ? { content: response.logprobs, refusal: null } : null,
        finish_reason: finishReason,
      },
    ],
    usage: response.usage ? { ...toOpenAIUsage(response.usage), ...options.usageExtra } : null,
  };
}
