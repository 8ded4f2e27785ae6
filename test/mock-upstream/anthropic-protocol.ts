// The Anthropic Messages wire format (JSON and SSE), as documented at
// https://docs.anthropic.com/en/api/messages and .../messages-streaming.
import { argsObject, estimateTokens, splitDeltas, type MockAnswer, type MockTurn } from "./answers.ts";
import { firstError, isObject, unknownKeys, type Json } from "./check.ts";
import type { MockProtocol } from "./protocol.ts";

const FIELDS = [
  "model",
  "messages",
  "max_tokens",
  "system",
  "stop_sequences",
  "stream",
  "temperature",
  "top_p",
  "top_k",
  "tools",
  "tool_choice",
  "metadata",
  "thinking",
  "service_tier",
  "container",
  "mcp_servers",
];
const BLOCKS = ["text", "image", "tool_use", "tool_result", "thinking", "redacted_thinking", "document"];

function validateMessages(messages: unknown[]): string | undefined {
  let previousToolUses = new Set<string>();
  for (const [i, message] of messages.entries()) {
    if (!isObject(message) || (message.role !== "user" && message.role !== "assistant")) {
      return `messages.${i}.role: Input should be 'user' or 'assistant'`;
    }
    const content = typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    if (!Array.isArray(content) || content.length === 0)
      return `messages.${i}: all messages must have non-empty content`;
    const toolUses = new Set<string>();
    for (const [j, block] of content.entries()) {
      if (!isObject(block) || !BLOCKS.includes(String(block.type)))
        return `messages.${i}.content.${j}: unknown block type`;
      if (block.type === "text" && (typeof block.text !== "string" || block.text.length === 0)) {
        return `messages.${i}.content.${j}: text content blocks must be non-empty`;
      }
      if (block.type === "tool_use") {
        if (message.role !== "assistant" || typeof block.id !== "string" || !isObject(block.input)) {
          return `messages.${i}.content.${j}: tool_use needs id, name and an object input, in an assistant turn`;
        }
        toolUses.add(block.id);
      }
      if (block.type === "tool_result" && !previousToolUses.has(String(block.tool_use_id))) {
        return `messages.${i}.content.${j}: unexpected tool_use_id found in tool_result blocks`;
      }
      if (block.type === "image") {
        const source = block.source as Json | undefined;
        const ok =
          isObject(source) &&
          ((source.type === "base64" && typeof source.data === "string" && typeof source.media_type === "string") ||
            (source.type === "url" && typeof source.url === "string"));
        if (!ok) return `messages.${i}.content.${j}.source: invalid image source`;
      }
    }
    previousToolUses = message.role === "assistant" ? toolUses : new Set();
  }
  return undefined;
}

function validateAnthropic(body: unknown, headers: Record<string, string>): string | undefined {
  if (!isObject(body)) return "body must be a JSON object";
  return firstError(
    () => (headers["anthropic-version"] ? undefined : "anthropic-version: header is required"),
    () => {
      const key = unknownKeys(body, FIELDS);
      return key ? `${key}: Extra inputs are not permitted` : undefined;
    },
    () => (typeof body.model === "string" && body.model ? undefined : "model: Field required"),
    () =>
      Number.isInteger(body.max_tokens) && (body.max_tokens as number) >= 1 ? undefined : "max_tokens: Field required",
    () =>
      Array.isArray(body.messages) && body.messages.length > 0
        ? validateMessages(body.messages)
        : "messages: Field required",
    () =>
      body.temperature === undefined || (typeof body.temperature === "number" && body.temperature <= 1)
        ? undefined
        : "temperature: Input should be less than or equal to 1",
    () =>
      body.stop_sequences === undefined ||
      (Array.isArray(body.stop_sequences) && body.stop_sequences.every((s) => typeof s === "string"))
        ? undefined
        : "stop_sequences: must be strings",
    () =>
      body.tools === undefined ||
      (Array.isArray(body.tools) &&
        body.tools.every(
          (t) =>
            isObject(t) && typeof t.name === "string" && isObject(t.input_schema) && t.input_schema.type === "object",
        ))
        ? undefined
        : "tools: each tool needs a name and an input_schema of type object",
    () => {
      const choice = body.tool_choice;
      if (choice === undefined) return undefined;
      if (!isObject(choice) || !["auto", "any", "tool", "none"].includes(String(choice.type)))
        return "tool_choice.type: invalid";
      return choice.type === "tool" && typeof choice.name !== "string" ? "tool_choice.name: Field required" : undefined;
    },
    () => {
      // With thinking on, the last assistant turn that used a tool must send its signed thinking back.
      if (body.thinking === undefined) return undefined;
      const turns = (body.messages as Json[]).filter((m) => m.role === "assistant" && Array.isArray(m.content));
      const last = turns.reverse().find((m) => (m.content as Json[]).some((b) => b.type === "tool_use"));
      if (!last) return undefined;
      const first = (last.content as Json[])[0];
      return first?.type === "redacted_thinking" ||
        (first?.type === "thinking" && String(first.signature ?? "").startsWith(MOCK_SIGNATURE))
        ? undefined
        : "messages: Expected `thinking` or `redacted_thinking`, but found `tool_use`. When `thinking` is enabled, a final `assistant` message must start with a thinking block.";
    },
    () => {
      const thinking = body.thinking;
      if (thinking === undefined) return undefined;
      if (!isObject(thinking) || thinking.type !== "enabled" || typeof thinking.budget_tokens !== "number")
        return "thinking: invalid";
      if (thinking.budget_tokens < 1024) return "thinking.budget_tokens: Input should be greater than or equal to 1024";
      return thinking.budget_tokens >= (body.max_tokens as number)
        ? "max_tokens must be greater than thinking.budget_tokens"
        : undefined;
    },
  );
}

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (!Array.isArray(content)) return "";
  return content
    .map((block) =>
      isObject(block) && typeof block.text === "string"
        ? block.text
        : isObject(block) && typeof block.content === "string"
          ? block.content
          : "",
    )
    .join("");
}

const usage = (turn: MockTurn, answer: MockAnswer) => ({
  input_tokens: estimateTokens(turn.promptChars),
  output_tokens: estimateTokens(answer.kind === "text" ? answer.text.length : JSON.stringify(answer.calls).length),
  cache_creation_input_tokens: 0,
  cache_read_input_tokens: 0,
});

const stopReason = (answer: MockAnswer) =>
  answer.kind === "tool_calls" ? "tool_use" : answer.finish === "length" ? "max_tokens" : "end_turn";

/**
 * Tool calls are preceded by a short text block, as Claude usually does (so block and tool
 * indices differ) — except when tool_choice forces a tool, where Claude emits no text.
 */
const MOCK_SIGNATURE = "mocksig-";

function contentBlocks(answer: MockAnswer, turn: MockTurn): Json[] {
  const thinking = turn.thinking
    ? [{ type: "thinking", thinking: "Mock reasoning.", signature: `${MOCK_SIGNATURE}${turn.promptChars}` }]
    : [];
  if (answer.kind === "text") return [...thinking, ...(answer.text ? [{ type: "text", text: answer.text }] : [])];
  const forced = turn.toolChoice === "required" || typeof turn.toolChoice === "object";
  return [
    ...thinking,
    ...(forced ? [] : [{ type: "text", text: "Let me call a tool." }]),
    ...answer.calls.map((call) => ({
      type: "tool_use",
      id: `toolu_${call.id}`,
      name: call.name,
      input: argsObject(call.arguments),
    })),
  ];
}

const event = (type: string, data: Json) => `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;

export const anthropicProtocol: MockProtocol = {
  name: "anthropic",
  route(path, _query, body) {
    if (path !== "/v1/messages") return undefined;
    const b = isObject(body) ? body : {};
    return { model: String(b.model ?? ""), stream: b.stream === true };
  },
  validate: (body, headers) => validateAnthropic(body, headers),
  turn(body) {
    const b = body as Json;
    const messages = (b.messages as Json[]) ?? [];
    const last = messages[messages.length - 1];
    const lastContent = last?.content;
    const toolResult =
      Array.isArray(lastContent) && lastContent.some((block) => isObject(block) && block.type === "tool_result");
    const choice = b.tool_choice as Json | undefined;
    const tools = ((b.tools as Json[]) ?? []).map((tool) => ({
      name: String(tool.name),
      parameters: tool.input_schema as never,
    }));
    return {
      lastText: textOf(lastContent),
      lastRole: toolResult ? "tool" : ((last?.role as MockTurn["lastRole"]) ?? "user"),
      tools,
      ...(choice === undefined
        ? {}
        : {
            toolChoice:
              choice.type === "tool"
                ? { name: String(choice.name) }
                : choice.type === "any"
                  ? "required"
                  : (choice.type as "auto" | "none"),
          }),
      promptChars:
        messages.reduce((sum, m) => sum + textOf(m.content).length, 0) +
        (typeof b.system === "string" ? b.system.length : 0),
      thinking: isObject(b.thinking) && b.thinking.type === "enabled",
    };
  },
  authorized: (headers) => Boolean(headers["x-api-key"]),
  json(answer, model, turn) {
    return {
      id: "msg_mock",
      type: "message",
      role: "assistant",
      model,
      content: contentBlocks(answer, turn),
      stop_reason: stopReason(answer),
      stop_sequence: null,
      usage: usage(turn, answer),
    };
  },
  frames(answer, model, turn) {
    const u = usage(turn, answer);
    const frames = [
      event("message_start", {
        message: {
          id: "msg_mock",
          type: "message",
          role: "assistant",
          model,
          content: [],
          stop_reason: null,
          stop_sequence: null,
          usage: { ...u, output_tokens: 1 },
        },
      }),
    ];
    contentBlocks(answer, turn).forEach((block, index) => {
      if (block.type === "thinking") {
        frames.push(event("content_block_start", { index, content_block: { type: "thinking", thinking: "" } }));
        frames.push(
          event("content_block_delta", { index, delta: { type: "thinking_delta", thinking: block.thinking } }),
        );
        frames.push(
          event("content_block_delta", { index, delta: { type: "signature_delta", signature: block.signature } }),
        );
      } else if (block.type === "text") {
        frames.push(event("content_block_start", { index, content_block: { type: "text", text: "" } }));
        if (index === 0) frames.push(event("ping", {}));
        for (const text of splitDeltas(String(block.text)))
          frames.push(event("content_block_delta", { index, delta: { type: "text_delta", text } }));
      } else {
        frames.push(
          event("content_block_start", {
            index,
            content_block: { type: "tool_use", id: block.id, name: block.name, input: {} },
          }),
        );
        const json = JSON.stringify(block.input);
        const mid = Math.ceil(json.length / 2);
        for (const partial_json of ["", json.slice(0, mid), json.slice(mid)]) {
          frames.push(event("content_block_delta", { index, delta: { type: "input_json_delta", partial_json } }));
        }
      }
      frames.push(event("content_block_stop", { index }));
    });
    frames.push(
      event("message_delta", {
        delta: { stop_reason: stopReason(answer), stop_sequence: null },
        usage: { output_tokens: u.output_tokens },
      }),
    );
    frames.push(event("message_stop", {}));
    return frames;
  },
  errorBody: (status, message) => ({
    type: "error",
    error: {
      type:
        status === 429
          ? "rate_limit_error"
          : status === 529
            ? "overloaded_error"
            : status === 400
              ? "invalid_request_error"
              : status === 401
                ? "authentication_error"
                : "api_error",
      message,
    },
  }),
  malformedFrame:
    'event: content_block_delta\ndata: {"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":\n\n',
};
