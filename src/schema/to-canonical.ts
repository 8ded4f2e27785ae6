// OpenAI request (validated) -> canonical request. Refuses what it cannot carry faithfully
// instead of dropping it; what the router itself leaves out is listed by routerDroppedParams.
import { invalidRequest } from "../errors.ts";
import type { CanonicalMessage, CanonicalRequest, ToolCall, ToolDefinition, UserContentPart } from "./canonical.ts";
import type { ChatMessage, ChatRequest, FunctionDefinition } from "./openai-request.ts";

const joinText = (content: string | { text: string }[]): string =>
  typeof content === "string" ? content : content.map((part) => part.text).join("");

const unsupported = (message: string, param: string) => invalidRequest(message, param, "unsupported_parameter");

/** Legacy `function_call` turns carry no id: the call and the function's answer are paired by order. */
const legacyCallId = (index: number) => `call_legacy_${index}`;

function toCanonicalMessage(message: ChatMessage, index: number, legacyCalls: string[]): CanonicalMessage {
  switch (message.role) {
    case "system":
    case "developer":
      return { role: "system", content: joinText(message.content) };
    case "user": {
      if (typeof message.content === "string") {
        return { role: "user", content: [{ type: "text", text: message.content }], ...nameOf(message.name) };
      }
      const parts: UserContentPart[] = message.content.map((part, partIndex) => {
        if (part.type === "text") return { type: "text", text: part.text };
        if (part.type === "image_url") {
          const image: UserContentPart = { type: "image", url: part.image_url.url };
          if (part.image_url.detail) image.detail = part.image_url.detail;
          return image;
        }
        throw invalidRequest(
          `Content parts of type '${part.type}' are not supported by the router.`,
          `messages[${index}].content[${partIndex}].type`,
          "unsupported_content_type",
        );
      });
      return { role: "user", content: parts, ...nameOf(message.name) };
    }
    case "assistant": {
      const content =
        message.content == null
          ? null
          : typeof message.content === "string"
            ? message.content
            : message.content.map((part) => (part.type === "text" ? part.text : part.refusal)).join("");
      const toolCalls: ToolCall[] = (message.tool_calls ?? []).map((call) => ({
        id: call.id,
        name: call.function.name,
        arguments: call.function.arguments,
      }));
      if (message.function_call) {
        const id = legacyCallId(index);
        legacyCalls.push(id);
        toolCalls.push({ id, name: message.function_call.name, arguments: message.function_call.arguments });
      }
      return { role: "assistant", content, toolCalls, ...nameOf(message.name) };
    }
    case "tool":
      return { role: "tool", toolCallId: message.tool_call_id, content: joinText(message.content) };
    case "function": {
      const id = legacyCalls.shift();
      if (!id)
        throw invalidRequest("A 'function' message must follow an assistant function_call.", `messages[${index}]`);
      return { role: "tool", toolCallId: id, content: message.content ?? "" };
    }
  }
}

const nameOf = (name: string | undefined) => (name ? { name } : {});

/** Copies only the fields that are set, so canonical requests carry no `undefined` keys. */
export function defined<T extends object>(value: T): { [K in keyof T]?: NonNullable<T[K]> } {
  // A loop, not entries/filter/fromEntries: every request passes a score of fields through here.
  const out: Partial<Record<keyof T, unknown>> = {};
  for (const key in value) {
    if (!Object.prototype.hasOwnProperty.call(value, key)) continue;
    const field = value[key];
    if (field !== undefined && field !== null) out[key] = field;
  }
  return out as { [K in keyof T]?: NonNullable<T[K]> };
}

function toolDefinitions(body: ChatRequest): ToolDefinition[] | undefined {
  if (body.functions && body.tools) {
    throw invalidRequest("Send either 'tools' or the legacy 'functions', not both.", "functions");
  }
  const functions =
    body.functions ??
    body.tools?.map((tool, index) => {
      if (tool.type !== "function" || !("function" in tool)) {
        throw unsupported(
          `Tools of type '${String(tool.type).slice(0, 40)}' are not supported by the router; use function tools.`,
          `tools[${index}].type`,
        );
      }
      return tool.function as FunctionDefinition;
    });
  return functions?.map(
    (fn) =>
      defined({
        name: fn.name,
        description: fn.description,
        parameters: fn.parameters,
        strict: fn.strict ?? undefined,
      }) as ToolDefinition,
  );
}

function toolChoiceOf(body: ChatRequest): CanonicalRequest["toolChoice"] {
  const choice = body.tool_choice ?? body.function_call;
  if (choice == null) return undefined;
  if (typeof choice === "string") return choice;
  return { name: "function" in choice ? choice.function.name : choice.name };
}

function outputConstraints(body: ChatRequest) {
  if (body.modalities?.includes("audio") || body.audio != null) {
    throw invalidRequest(
      "No eligible model: audio output (modalities: audio) is not carried by the router, so no model it routes to can answer with audio.",
      body.modalities?.includes("audio") ? "modalities" : "audio",
      "no_eligible_model",
    );
  }
  if (body.moderation != null) {
    throw unsupported(
      "'moderation' is not supported by the router; call the moderation endpoint instead.",
      "moderation",
    );
  }
  if (body.top_logprobs != null && !body.logprobs) {
    throw invalidRequest("'top_logprobs' requires 'logprobs': true.", "top_logprobs");
  }
  return defined({
    logprobs: body.logprobs ? { top: body.top_logprobs ?? 0 } : undefined,
    webSearch: body.web_search_options ?? undefined,
  });
}

export function toCanonicalRequest(body: ChatRequest): CanonicalRequest {
  if (body.n != null && body.n > 1) {
    throw unsupported("n > 1 is not supported by the router; send separate requests.", "n");
  }
  const legacyCalls: string[] = [];
  const messages = body.messages.map((message, index) => toCanonicalMessage(message, index, legacyCalls));
  const responseFormat =
    body.response_format == null
      ? undefined
      : body.response_format.type === "json_schema"
        ? (defined({
            type: "json_schema" as const,
            name: body.response_format.json_schema.name,
            description: body.response_format.json_schema.description,
            schema: body.response_format.json_schema.schema,
            strict: body.response_format.json_schema.strict ?? undefined,
          }) as CanonicalRequest["responseFormat"])
        : { type: body.response_format.type };

  return {
    messages,
    stream: body.stream ?? false,
    includeUsage: body.stream_options?.include_usage ?? false,
    ...outputConstraints(body),
    ...defined({
      maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
      temperature: body.temperature,
      topP: body.top_p,
      stop: body.stop == null ? undefined : typeof body.stop === "string" ? [body.stop] : body.stop,
      seed: body.seed,
      user: body.user,
      presencePenalty: body.presence_penalty,
      frequencyPenalty: body.frequency_penalty,
      tools: toolDefinitions(body),
      toolChoice: toolChoiceOf(body),
      parallelToolCalls: body.parallel_tool_calls,
      responseFormat,
      reasoningEffort: body.reasoning_effort,
      promptCacheKey: body.prompt_cache_key,
      promptCacheRetention: body.prompt_cache_retention,
      safetyIdentifier: body.safety_identifier,
      verbosity: body.verbosity,
      prediction: body.prediction,
      logitBias: body.logit_bias,
    }),
  };
}

/**
 * Fields the router leaves out for every provider, named in x-router-dropped-params:
 * - metadata / store: a stored completion would land in the deployment's provider account, not the caller's;
 * - service_tier flex/priority/scale: the router prices the standard tier, so another tier would make the cost wrong;
 * - prompt_cache_options, stream_options.include_obfuscation: provider-side knobs the router does not pass on.
 */
export function routerDroppedParams(body: ChatRequest): string[] {
  const dropped: string[] = [];
  if (body.metadata != null) dropped.push("metadata");
  if (body.store != null) dropped.push("store");
  if (body.service_tier != null && !["auto", "default"].includes(body.service_tier)) dropped.push("service_tier");
  if (body.prompt_cache_options != null) dropped.push("prompt_cache_options");
  if (body.stream_options?.include_obfuscation != null) dropped.push("stream_options.include_obfuscation");
  return dropped;
}
