// The OpenAI Chat Completions wire format (JSON and SSE), as documented by OpenAI.
import { estimateTokens, splitDeltas, type MockAnswer, type MockTurn, type ToolSpec } from "./answers.ts";
import { firstError, isObject, unknownKeys } from "./check.ts";
import type { MockProtocol } from "./protocol.ts";

/** Fields OpenAI and the compatible APIs accept (Mistral's random_seed included). */
const FIELDS = [
  "model",
  "messages",
  "stream",
  "stream_options",
  "max_tokens",
  "max_completion_tokens",
  "temperature",
  "top_p",
  "n",
  "stop",
  "seed",
  "random_seed",
  "user",
  "presence_penalty",
  "frequency_penalty",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "response_format",
  "reasoning_effort",
  "metadata",
  "store",
  "service_tier",
  // Current OpenAI fields (the router forwards each only to APIs that take it).
  "prompt_cache_key",
  "prompt_cache_retention",
  "safety_identifier",
  "verbosity",
  "prediction",
  "logit_bias",
  "logprobs",
  "top_logprobs",
  "web_search_options",
  "top_k",
];
const ROLES = ["system", "developer", "user", "assistant", "tool"];

function validateOpenAI(body: unknown): string | undefined {
  if (!isObject(body)) return "body must be a JSON object";
  const messages = body.messages;
  return firstError(
    () => {
      const key = unknownKeys(body, FIELDS);
      return key ? `Unrecognized request argument supplied: ${key}` : undefined;
    },
    () => (typeof body.model === "string" && body.model ? undefined : "model is required"),
    () => (Array.isArray(messages) && messages.length > 0 ? undefined : "messages must be a non-empty array"),
    () =>
      (messages as unknown[])
        .map((m, i) =>
          !isObject(m) || !ROLES.includes(String(m.role))
            ? `messages[${i}].role is invalid`
            : m.role === "tool" && typeof m.tool_call_id !== "string"
              ? `messages[${i}].tool_call_id is required`
              : undefined,
        )
        .find(Boolean),
    () => (body.stream_options !== undefined && body.stream !== true ? "stream_options requires stream" : undefined),
    () =>
      body.tools === undefined ||
      (Array.isArray(body.tools) &&
        body.tools.every(
          (t) => isObject(t) && t.type === "function" && isObject(t.function) && typeof t.function.name === "string",
        ))
        ? undefined
        : "tools[] must be {type:'function', function:{name,…}}",
  );
}

interface OpenAIBody {
  model?: string;
  stream?: boolean;
  messages?: { role: MockTurn["lastRole"]; content?: unknown }[];
  tools?: { function: ToolSpec }[];
  tool_choice?: string | { function: { name: string } };
  response_format?: { type?: string };
  logprobs?: boolean;
}

/** A plausible logprobs entry per piece of text (one "token" per delta). */
const logprobsOf = (pieces: string[]) =>
  pieces.map((token) => ({ token, logprob: -0.25, bytes: null, top_logprobs: [] }));

function textOf(content: unknown): string {
  if (typeof content === "string") return content;
  if (Array.isArray(content)) {
    return content
      .map((part) => (part && typeof part === "object" && "text" in part ? String(part.text) : ""))
      .join("");
  }
  return "";
}

const created = 1_700_000_000;

function usage(turn: MockTurn, answer: MockAnswer) {
  const completion = answer.kind === "text" ? answer.text : JSON.stringify(answer.calls);
  const prompt_tokens = estimateTokens(turn.promptChars);
  const completion_tokens = estimateTokens(completion.length);
  return { prompt_tokens, completion_tokens, total_tokens: prompt_tokens + completion_tokens };
}

export const openAIProtocol: MockProtocol = {
  name: "openai",
  validate: (body) => validateOpenAI(body),
  route(path, _query, body) {
    if (!path.endsWith("/chat/completions")) return undefined;
    const b = body as OpenAIBody;
    return { model: String(b.model ?? ""), stream: b.stream === true };
  },
  turn(body) {
    const b = body as OpenAIBody;
    const messages = b.messages ?? [];
    const last = messages[messages.length - 1];
    const choice = b.tool_choice;
    return {
      lastText: textOf(last?.content),
      lastRole: last?.role ?? "user",
      tools: (b.tools ?? []).map((tool) => tool.function),
      ...(choice === undefined
        ? {}
        : {
            toolChoice:
              typeof choice === "string" ? (choice as "none" | "auto" | "required") : { name: choice.function.name },
          }),
      json: b.response_format?.type === "json_object" || b.response_format?.type === "json_schema",
      promptChars: messages.reduce((sum, m) => sum + textOf(m.content).length, 0),
      logprobs: b.logprobs === true,
    };
  },
  authorized: (headers) => /^Bearer \S+/.test(headers.authorization ?? ""),
  json(answer, model, turn) {
    const message =
      answer.kind === "text"
        ? { role: "assistant", content: answer.text, refusal: null }
        : {
            role: "assistant",
            content: null,
            refusal: null,
            tool_calls: answer.calls.map((call) => ({
              id: call.id,
              type: "function",
              function: { name: call.name, arguments: call.arguments },
            })),
          };
    return {
      id: "chatcmpl-mock",
      object: "chat.completion",
      created,
      model,
      choices: [
        {
          index: 0,
          message,
          logprobs:
            turn.logprobs && answer.kind === "text"
              ? { content: logprobsOf(splitDeltas(answer.text)), refusal: null }
              : null,
          finish_reason: answer.kind === "text" ? (answer.finish ?? "stop") : "tool_calls",
        },
      ],
      usage: usage(turn, answer),
    };
  },
  frames(answer, model, turn) {
    const chunk = (delta: unknown, finish: string | null = null, logprobs: unknown = null) =>
      `data: ${JSON.stringify({
        id: "chatcmpl-mock",
        object: "chat.completion.chunk",
        created,
        model,
        choices: [{ index: 0, delta, logprobs, finish_reason: finish }],
      })}\n\n`;
    const frames = [chunk({ role: "assistant", content: "" })];
    if (answer.kind === "text" && answer.text === "") frames.push(chunk({ content: "" }));
    if (answer.kind === "text") {
      for (const delta of splitDeltas(answer.text)) {
        const logprobs = turn.logprobs ? { content: logprobsOf([delta]), refusal: null } : null;
        frames.push(chunk({ content: delta }, null, logprobs));
      }
      frames.push(chunk({}, answer.finish ?? "stop"));
    } else {
      answer.calls.forEach((call, index) => {
        frames.push(
          chunk({
            tool_calls: [{ index, id: call.id, type: "function", function: { name: call.name, arguments: "" } }],
          }),
        );
        // Arguments arrive in pieces, as real providers send them.
        const mid = Math.ceil(call.arguments.length / 2);
        for (const piece of [call.arguments.slice(0, mid), call.arguments.slice(mid)]) {
          if (piece) frames.push(chunk({ tool_calls: [{ index, function: { arguments: piece } }] }));
        }
      });
      frames.push(chunk({}, "tool_calls"));
    }
    frames.push(
      `data: ${JSON.stringify({ id: "chatcmpl-mock", object: "chat.completion.chunk", created, model, choices: [], usage: usage(turn, answer) })}\n\n`,
    );
    frames.push("data: [DONE]\n\n");
    return frames;
  },
  errorBody: (status, message) => ({
    error: { message, type: status === 429 ? "rate_limit_exceeded" : "server_error", param: null, code: null },
  }),
  malformedFrame: 'data: {"id":"chatcmpl-mock","choices":[{"delta":{"content":\n\n',
};
