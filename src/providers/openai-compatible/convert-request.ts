// Canonical request -> OpenAI Chat Completions body.
import type { CanonicalMessage, CanonicalRequest } from "../../schema/canonical";

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

export function toOpenAIBody(request: CanonicalRequest, model: string): Record<string, unknown> {
  const body: Record<string, unknown> = { model, messages: request.messages.map(toOpenAIMessage) };
  if (request.stream) {
    body.stream = true;
    // Always ask for usage: the router needs it for cost accounting even when the client did not.
    body.stream_options = { include_usage: true };
  }
  if (request.maxTokens !== undefined) body.max_completion_tokens = request.maxTokens;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  if (request.stop !== undefined) body.stop = request.stop;
  if (request.seed !== undefined) body.seed = request.seed;
  if (request.user !== undefined) body.user = request.user;
  if (request.presencePenalty !== undefined) body.presence_penalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) body.frequency_penalty = request.frequencyPenalty;
  if (request.reasoningEffort !== undefined) body.reasoning_effort = request.reasoningEffort;
  if (request.parallelToolCalls !== undefined) body.parallel_tool_calls = request.parallelToolCalls;
  if (request.tools) {
    body.tools = request.tools.map((tool) => ({ type: "function", function: tool }));
  }
  if (request.toolChoice !== undefined) {
    body.tool_choice =
      typeof request.toolChoice === "string"
        ? request.toolChoice
        : { type: "function", function: { name: request.toolChoice.name } };
  }
  if (request.responseFormat) {
    const format = request.responseFormat;
    body.response_format =
      format.type === "json_schema"
        ? {
            type: "json_schema",
            json_schema: Object.fromEntries(
              Object.entries({
                name: format.name,
                description: format.description,
                schema: format.schema,
                strict: format.strict,
              }).filter(([, value]) => value !== undefined),
            ),
          }
        : { type: format.type };
  }
  return body;
}
