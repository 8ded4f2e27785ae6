// OpenAI request (validated) -> canonical request. Refuses what it cannot carry
// faithfully instead of dropping it.
import { invalidRequest } from "../errors";
import type { CanonicalMessage, CanonicalRequest, UserContentPart } from "./canonical";
import type { ChatMessage, ChatRequest } from "./openai-request";

const joinText = (content: string | { text: string }[]): string =>
  typeof content === "string" ? content : content.map((part) => part.text).join("");

function toCanonicalMessage(message: ChatMessage, index: number): CanonicalMessage {
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
      return {
        role: "assistant",
        content,
        toolCalls: (message.tool_calls ?? []).map((call) => ({
          id: call.id,
          name: call.function.name,
          arguments: call.function.arguments,
        })),
        ...nameOf(message.name),
      };
    }
    case "tool":
      return { role: "tool", toolCallId: message.tool_call_id, content: joinText(message.content) };
  }
}

const nameOf = (name: string | undefined) => (name ? { name } : {});

/** Copies only the fields that are set, so canonical requests carry no `undefined` keys. */
function defined<T extends object>(value: T): { [K in keyof T]?: NonNullable<T[K]> } {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined && v !== null)) as {
    [K in keyof T]?: NonNullable<T[K]>;
  };
}

export function toCanonicalRequest(body: ChatRequest): CanonicalRequest {
  if (body.n != null && body.n > 1) {
    throw invalidRequest("n > 1 is not supported by the router; send separate requests.", "n", "unsupported_parameter");
  }
  if (body.logprobs || body.top_logprobs != null || body.logit_bias != null) {
    const param = body.logprobs ? "logprobs" : body.top_logprobs != null ? "top_logprobs" : "logit_bias";
    throw invalidRequest(`'${param}' is not supported by the router.`, param, "unsupported_parameter");
  }
  const messages = body.messages.map(toCanonicalMessage);
  const tools = body.tools?.map((tool) =>
    defined({
      name: tool.function.name,
      description: tool.function.description,
      parameters: tool.function.parameters,
      strict: tool.function.strict ?? undefined,
    }),
  ) as CanonicalRequest["tools"];
  const toolChoice =
    body.tool_choice == null
      ? undefined
      : typeof body.tool_choice === "string"
        ? body.tool_choice
        : { name: body.tool_choice.function.name };
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
    ...defined({
      maxTokens: body.max_completion_tokens ?? body.max_tokens ?? undefined,
      temperature: body.temperature,
      topP: body.top_p,
      stop: body.stop == null ? undefined : typeof body.stop === "string" ? [body.stop] : body.stop,
      seed: body.seed,
      user: body.user,
      presencePenalty: body.presence_penalty,
      frequencyPenalty: body.frequency_penalty,
      tools,
      toolChoice,
      parallelToolCalls: body.parallel_tool_calls,
      responseFormat,
      reasoningEffort: body.reasoning_effort,
    }),
  };
}
