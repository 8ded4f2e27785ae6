// Canonical response -> an OpenAI Responses API `response` object (and its output items), shared
// by the JSON answer, the stream's final event and the stored copy.
import type { CanonicalResponse, FinishReason, ToolCall, Usage } from "../schema/canonical.ts";
import type { ResponsesRequest } from "../schema/responses-request.ts";
import { SIGNATURE_PREFIX } from "../schema/responses-to-canonical.ts";

export interface ResponseIdentity {
  /** resp_<hex>; item ids are derived from it (msg_<hex>, fc_<hex>_<n>, rs_<hex>). */
  id: string;
  model: string;
  createdAt: number;
}

const hexOf = (id: string) => id.slice("resp_".length);
export const itemIds = (id: string) => ({
  message: `msg_${hexOf(id)}`,
  reasoning: `rs_${hexOf(id)}`,
  call: (index: number) => `fc_${hexOf(id)}_${index}`,
});

export function responsesUsage(usage: Usage, extra: Record<string, unknown> = {}) {
  return {
    input_tokens: usage.inputTokens,
    input_tokens_details: { cached_tokens: usage.cachedInputTokens ?? 0 },
    output_tokens: usage.outputTokens,
    output_tokens_details: { reasoning_tokens: usage.reasoningTokens ?? 0 },
    total_tokens: usage.inputTokens + usage.outputTokens,
    ...extra,
  };
}

export const reasoningItem = (id: string, text: string, signature: string | undefined) => ({
  type: "reasoning",
  id,
  summary: text ? [{ type: "summary_text", text }] : [],
  // The provider's proof, for clients that send the item back (only ours are accepted back).
  ...(signature ? { encrypted_content: `${SIGNATURE_PREFIX}${signature}` } : {}),
});

export const messageItem = (id: string, text: string, logprobs: unknown[] | undefined, status = "completed") => ({
  type: "message",
  id,
  status,
  role: "assistant",
  content: [{ type: "output_text", text, annotations: [], ...(logprobs ? { logprobs } : {}) }],
});

export const functionCallItem = (id: string, call: ToolCall, status = "completed") => ({
  type: "function_call",
  id,
  call_id: call.id,
  name: call.name,
  arguments: call.arguments,
  status,
});

export function outputItems(response: CanonicalResponse, id: string): Record<string, unknown>[] {
  const ids = itemIds(id);
  const items: Record<string, unknown>[] = [];
  if (response.reasoning) items.push(reasoningItem(ids.reasoning, response.reasoning, response.reasoningSignature));
  if (response.content || response.toolCalls.length === 0) {
    items.push(messageItem(ids.message, response.content ?? "", response.logprobs));
  }
  response.toolCalls.forEach((call, index) => items.push(functionCallItem(ids.call(index), call)));
  return items;
}

/** Status of a finished response, from why the model stopped. */
export function finishStatus(finish: FinishReason | undefined) {
  if (finish === "length") return { status: "incomplete", incomplete_details: { reason: "max_output_tokens" } };
  if (finish === "content_filter") return { status: "incomplete", incomplete_details: { reason: "content_filter" } };
  return { status: "completed", incomplete_details: null };
}

/** The response object around `output` (what the request asked for, echoed as OpenAI does). */
export function responseObject(
  who: ResponseIdentity,
  body: ResponsesRequest,
  state: { status: string; incomplete_details: unknown; output: unknown[]; usage: unknown; error?: unknown },
) {
  const format = body.text?.format ?? { type: "text" };
  return {
    id: who.id,
    object: "response",
    created_at: who.createdAt,
    status: state.status,
    background: false,
    error: state.error ?? null,
    incomplete_details: state.incomplete_details,
    instructions: body.instructions ?? null,
    max_output_tokens: body.max_output_tokens ?? null,
    metadata: body.metadata ?? {},
    model: who.model,
    output: state.output,
    parallel_tool_calls: body.parallel_tool_calls ?? true,
    previous_response_id: body.previous_response_id ?? null,
    prompt_cache_key: body.prompt_cache_key ?? null,
    reasoning: { effort: body.reasoning?.effort ?? null, summary: body.reasoning?.summary ?? null },
    safety_identifier: body.safety_identifier ?? null,
    service_tier: "default",
    store: body.store ?? true,
    temperature: body.temperature ?? 1,
    text: { format, verbosity: body.text?.verbosity ?? "medium" },
    tool_choice: body.tool_choice ?? "auto",
    tools: body.tools ?? [],
    top_logprobs: body.top_logprobs ?? 0,
    top_p: body.top_p ?? 1,
    truncation: body.truncation ?? "disabled",
    usage: state.usage,
    user: body.user ?? null,
  };
}

export function toResponseObject(
  response: CanonicalResponse,
  who: ResponseIdentity,
  body: ResponsesRequest,
  usageExtra: Record<string, unknown>,
) {
  return responseObject(who, body, {
    ...finishStatus(response.finishReason),
    output: outputItems(response, who.id),
    usage: response.usage ? responsesUsage(response.usage, usageExtra) : null,
  });
}
