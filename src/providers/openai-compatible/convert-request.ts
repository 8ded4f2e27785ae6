// Canonical request -> OpenAI Chat Completions body (with a dialect's small differences).
import type { CanonicalMessage, CanonicalRequest } from "../../schema/canonical.ts";
import type { UpstreamTarget } from "../types.ts";
import { refuseBeyondCapabilities, unsupportedParameter } from "../unsupported.ts";
import type { ExtraParam, OpenAIDialect, OptionalParam } from "./dialect.ts";

function toOpenAIMessage(message: CanonicalMessage): Record<string, unknown> {
  switch (message.role) {
    case "system":
      return { role: "system", content: message.content };
    case "user": {
      const onlyText = message.content.every((part) => part.type === "text");
      const content = onlyText
        ? message.content.map((part) => (part.type === "text" ? part.text : "")).join("\n")
        : message.content.map((part) =>
            part.type === "text"
              ? { type: "text", text: part.text }
              : {
                  type: "image_url",
                  image_url: part.detail ? { url: part.url, detail: part.detail } : { url: part.url },
                },
          );
      return message.name ? { role: "user", content, name: message.name } : { role: "user", content };
    }
    case "assistant": {
      const out: Record<string, unknown> = { role: "assistant", content: message.content };
      if (message.toolCalls.length > 0) {
        out.tool_calls = message.toolCalls.map((call) => ({
          id: call.id,
          type: "function",
          function: { name: call.name, arguments: call.arguments },
        }));
      }
      if (message.name) out.name = message.name;
      return out;
    }
    case "tool":
      return { role: "tool", tool_call_id: message.toolCallId, content: message.content };
  }
}

/**
 * Chat Completions has no assistant prefill: a continuation (canonical.ts `continuation`) sends the
 * partial answer as the assistant's turn and asks, in a user turn, for the rest.
 */
export const CONTINUE_INSTRUCTION =
  "Continue your previous answer exactly where it stopped, mid-sentence if need be. Do not repeat any of it and do not comment on the interruption.";

const OPTIONAL: Record<OptionalParam, (r: CanonicalRequest) => unknown> = {
  seed: (r) => r.seed,
  user: (r) => r.user,
  presence_penalty: (r) => r.presencePenalty,
  frequency_penalty: (r) => r.frequencyPenalty,
  parallel_tool_calls: (r) => r.parallelToolCalls,
  reasoning_effort: (r) => r.reasoningEffort,
};

const EXTRA: Record<ExtraParam, (r: CanonicalRequest) => Record<string, unknown> | undefined> = {
  prompt_cache_key: (r) => (r.promptCacheKey !== undefined ? { prompt_cache_key: r.promptCacheKey } : undefined),
  prompt_cache_retention: (r) =>
    r.promptCacheRetention !== undefined ? { prompt_cache_retention: r.promptCacheRetention } : undefined,
  safety_identifier: (r) => (r.safetyIdentifier !== undefined ? { safety_identifier: r.safetyIdentifier } : undefined),
  verbosity: (r) => (r.verbosity !== undefined ? { verbosity: r.verbosity } : undefined),
  prediction: (r) => (r.prediction !== undefined ? { prediction: r.prediction } : undefined),
  logit_bias: (r) => (r.logitBias !== undefined ? { logit_bias: r.logitBias } : undefined),
  logprobs: (r) =>
    r.logprobs ? { logprobs: true, ...(r.logprobs.top > 0 ? { top_logprobs: r.logprobs.top } : {}) } : undefined,
  web_search_options: (r) => (r.webSearch !== undefined ? { web_search_options: r.webSearch } : undefined),
  // From Anthropic Messages clients; OpenAI has no top_k, some compatible servers do.
  top_k: (r) => (r.topK !== undefined ? { top_k: r.topK } : undefined),
};
/** They change what the answer must contain: refused, never dropped. */
const OUTPUT_CONSTRAINTS: readonly ExtraParam[] = ["logprobs", "web_search_options"];

/** The extra OpenAI fields this API and model take, and those it drops (for x-router-dropped-params). */
export function extraParams(request: CanonicalRequest, target: UpstreamTarget, dialect: OpenAIDialect) {
  const body: Record<string, unknown> = {};
  const dropped: string[] = [];
  const reasoningModel = target.capabilities?.includes("reasoning") ?? false;
  for (const [param, read] of Object.entries(EXTRA) as [ExtraParam, (r: CanonicalRequest) => unknown][]) {
    const fields = read(request) as Record<string, unknown> | undefined;
    if (!fields) continue;
    const accepted =
      (dialect.accepts?.includes(param) ?? false) &&
      !(dialect.reasoningModelsOnly?.includes(param) && !reasoningModel) &&
      !(dialect.otherModelsOnly?.includes(param) && reasoningModel);
    if (accepted) Object.assign(body, fields);
    else if (OUTPUT_CONSTRAINTS.includes(param)) throw unsupportedParameter(dialect.name, param);
    else dropped.push(...Object.keys(fields));
  }
  for (const param of dialect.omit ?? []) if (OPTIONAL[param](request) !== undefined) dropped.push(param);
  return { body, dropped };
}

function responseFormat(format: NonNullable<CanonicalRequest["responseFormat"]>) {
  if (format.type !== "json_schema") return { type: format.type };
  const schema = Object.fromEntries(
    Object.entries({
      name: format.name,
      description: format.description,
      schema: format.schema,
      strict: format.strict,
    }).filter(([, value]) => value !== undefined),
  );
  return { type: "json_schema", json_schema: schema };
}

export function toOpenAIBody(
  request: CanonicalRequest,
  target: UpstreamTarget,
  dialect: OpenAIDialect,
): Record<string, unknown> {
  refuseBeyondCapabilities(dialect.name, dialect.capabilities, request);
  const messages = request.messages.map(toOpenAIMessage);
  if (request.continuation) messages.push({ role: "user", content: CONTINUE_INSTRUCTION });
  const body: Record<string, unknown> = { model: target.upstreamModel, messages };
  if (request.stream) {
    body.stream = true;
    // Always ask for usage: the router needs it for cost accounting even when the client did not.
    if (dialect.streamOptions !== false) body.stream_options = { include_usage: true };
  }
  if (request.maxTokens !== undefined) body[dialect.maxTokensField ?? "max_completion_tokens"] = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop = request.stop;
  for (const [param, read] of Object.entries(OPTIONAL) as [OptionalParam, (r: CanonicalRequest) => unknown][]) {
    const value = read(request);
    if (value === undefined) continue;
    if (dialect.refuse?.includes(param)) throw unsupportedParameter(dialect.name, param);
    if (dialect.omit?.includes(param)) continue;
    body[dialect.rename?.[param] ?? param] = value;
  }
  if (request.tools) {
    body.tools = request.tools.map((tool) => ({ type: "function", function: tool }));
  }
  if (request.toolChoice !== undefined) {
    const choice = request.toolChoice;
    body.tool_choice =
      typeof choice !== "string"
        ? { type: "function", function: { name: choice.name } }
        : choice === "required"
          ? (dialect.toolChoiceRequired ?? "required")
          : choice;
  }
  if (request.responseFormat) body.response_format = responseFormat(request.responseFormat);
  Object.assign(body, extraParams(request, target, dialect).body);
  return body;
}
