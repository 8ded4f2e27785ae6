// Responses API request -> canonical request. Input items become canonical messages (consecutive
// assistant-side items — reasoning, text, function calls — form one assistant turn); hosted tools
// and items the router cannot carry are refused by name, never dropped silently.
import * as z from "zod";
import { invalidRequest } from "../errors.ts";
import type {
  CanonicalMessage,
  CanonicalRequest,
  ReasoningItem,
  ToolDefinition,
  UserContentPart,
} from "./canonical.ts";
import { issueToError } from "./parse-request.ts";
import type { ResponsesRequest } from "./responses-request.ts";
import { defined } from "./to-canonical.ts";

const unsupported = (message: string, param: string) => invalidRequest(message, param, "unsupported_parameter");

/** Only reasoning proofs this router handed out go back to a provider (see responses-format.ts). */
export const SIGNATURE_PREFIX = "anthropic.";

const part = z.looseObject({
  type: z.string(),
  text: z.string().optional(),
  refusal: z.string().optional(),
  image_url: z.string().nullish(),
  file_id: z.string().nullish(),
  detail: z.enum(["auto", "low", "high", "original"]).nullish(),
});
const messageItem = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(part)]),
});
const functionCallItem = z.looseObject({
  type: z.literal("function_call"),
  call_id: z.string().min(1),
  name: z.string().min(1),
  arguments: z.string(),
});
const functionOutputItem = z.looseObject({
  type: z.literal("function_call_output"),
  call_id: z.string().min(1),
  output: z.union([z.string(), z.array(part)]),
});
const reasoningItem = z.looseObject({
  type: z.literal("reasoning"),
  summary: z.array(z.looseObject({ text: z.string() })).default([]),
  content: z.array(z.looseObject({ text: z.string() })).nullish(),
  encrypted_content: z.string().nullish(),
});

function parseItem<T>(schema: z.ZodType<T>, value: unknown, where: (string | number)[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw issueToError({ ...issue, path: [...where, ...issue.path] });
}

function userParts(content: z.infer<typeof messageItem>["content"], where: string): UserContentPart[] {
  if (typeof content === "string") return [{ type: "text", text: content }];
  return content.map((p, j): UserContentPart => {
    if ((p.type === "input_text" || p.type === "output_text") && p.text !== undefined) {
      return { type: "text", text: p.text };
    }
    if (p.type === "input_image" && p.image_url) {
      const detail = p.detail === "original" ? "high" : p.detail;
      return { type: "image", url: p.image_url, ...(detail ? { detail } : {}) };
    }
    throw invalidRequest(
      `Content parts of type '${p.type.slice(0, 40)}'${p.type === "input_image" ? " with a file_id" : ""} are not supported by the router.`,
      `${where}.content[${j}]`,
      "unsupported_content_type",
    );
  });
}

const textOf = (content: string | z.infer<typeof part>[]) =>
  typeof content === "string" ? content : content.map((p) => p.text ?? p.refusal ?? "").join("");

/** Input items -> canonical messages. `path` names the field in errors. */
export function inputToMessages(input: ResponsesRequest["input"], path = "input"): CanonicalMessage[] {
  if (input === undefined) return [];
  if (typeof input === "string") return [{ role: "user", content: [{ type: "text", text: input }] }];
  const messages: CanonicalMessage[] = [];
  let pendingReasoning: ReasoningItem[] = [];
  // The open assistant turn that function calls and reasoning join.
  const assistantTurn = () => {
    const last = messages.at(-1);
    if (last?.role === "assistant") return last;
    const turn: Extract<CanonicalMessage, { role: "assistant" }> = { role: "assistant", content: null, toolCalls: [] };
    messages.push(turn);
    return turn;
  };
  const attachReasoning = (turn: Extract<CanonicalMessage, { role: "assistant" }>) => {
    if (pendingReasoning.length > 0) turn.reasoning = [...(turn.reasoning ?? []), ...pendingReasoning];
    pendingReasoning = [];
  };
  input.forEach((raw, i) => {
    const where = [path, i];
    const type = raw.type ?? "message";
    switch (type) {
      case "message": {
        const item = parseItem(messageItem, raw, where);
        if (item.role === "system" || item.role === "developer") {
          messages.push({ role: "system", content: textOf(item.content) });
        } else if (item.role === "user") {
          messages.push({ role: "user", content: userParts(item.content, `${path}[${i}]`) });
        } else {
          // Function calls that follow join this turn (assistantTurn).
          const turn: Extract<CanonicalMessage, { role: "assistant" }> = {
            role: "assistant",
            content: textOf(item.content),
            toolCalls: [],
          };
          attachReasoning(turn);
          messages.push(turn);
        }
        return;
      }
      case "function_call": {
        const item = parseItem(functionCallItem, raw, where);
        const turn = assistantTurn();
        turn.toolCalls.push({ id: item.call_id, name: item.name, arguments: item.arguments });
        attachReasoning(turn);
        return;
      }
      case "function_call_output": {
        const item = parseItem(functionOutputItem, raw, where);
        messages.push({ role: "tool", toolCallId: item.call_id, content: textOf(item.output) });
        return;
      }
      case "reasoning": {
        const item = parseItem(reasoningItem, raw, where);
        const text = (item.content ?? item.summary).map((s) => s.text).join("");
        const proof = item.encrypted_content?.startsWith(SIGNATURE_PREFIX)
          ? item.encrypted_content.slice(SIGNATURE_PREFIX.length)
          : undefined;
        pendingReasoning.push(proof ? { text, signature: proof } : { text });
        return;
      }
      default:
        throw unsupported(
          `Input items of type '${type.slice(0, 40)}' are not supported by the router (it runs no hosted tools).`,
          `${path}[${i}].type`,
        );
    }
  });
  return messages;
}

const functionTool = z.looseObject({
  type: z.literal("function"),
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1-64 characters of a-z, A-Z, 0-9, _ or -"),
  description: z.string().nullish(),
  parameters: z.record(z.string(), z.unknown()).nullish(),
  strict: z.boolean().nullish(),
});

function tools(body: ResponsesRequest): ToolDefinition[] | undefined {
  return body.tools?.map((raw, i) => {
    if (raw.type !== "function") {
      throw unsupported(
        `Tools of type '${String(raw.type).slice(0, 40)}' are not supported by the router; it runs no hosted tools (use function tools).`,
        `tools[${i}].type`,
      );
    }
    const tool = parseItem(functionTool, raw, ["tools", i]);
    return defined({
      name: tool.name,
      description: tool.description ?? undefined,
      parameters: tool.parameters ?? undefined,
      strict: tool.strict ?? undefined,
    }) as ToolDefinition;
  });
}

function toolChoice(body: ResponsesRequest): CanonicalRequest["toolChoice"] {
  const choice = body.tool_choice;
  if (choice == null) return undefined;
  if (typeof choice === "string") return choice;
  if (choice.type === "function" && typeof choice.name === "string") return { name: choice.name };
  throw unsupported(
    `tool_choice of type '${String(choice.type).slice(0, 40)}' is not supported by the router.`,
    "tool_choice",
  );
}

function refuseStateful(body: ResponsesRequest) {
  if (body.background) throw unsupported("Background responses are not supported by the router.", "background");
  if (body.conversation != null) {
    throw unsupported(
      "Conversations are not supported by the router; chain turns with previous_response_id.",
      "conversation",
    );
  }
  if (body.prompt != null) throw unsupported("Stored prompt templates are not supported by the router.", "prompt");
  if (body.moderation != null) throw unsupported("'moderation' is not supported by the router.", "moderation");
}

/**
 * The canonical request for a Responses body. `history` is the stored conversation of
 * previous_response_id (its instructions are not carried over, as OpenAI documents).
 */
export function responsesToCanonical(body: ResponsesRequest, history: CanonicalMessage[]): CanonicalRequest {
  refuseStateful(body);
  const messages: CanonicalMessage[] = [
    ...(body.instructions ? [{ role: "system" as const, content: body.instructions }] : []),
    ...history,
    ...inputToMessages(body.input),
  ];
  if (!messages.some((m) => m.role !== "system")) {
    throw invalidRequest("'input' is empty: there is no prompt to route.", "input", "empty_messages");
  }
  const format = body.text?.format;
  const include = body.include ?? [];
  const logprobs = include.includes("message.output_text.logprobs") || (body.top_logprobs ?? 0) > 0;
  return {
    messages,
    stream: body.stream ?? false,
    includeUsage: true,
    ...defined({
      maxTokens: body.max_output_tokens,
      temperature: body.temperature,
      topP: body.top_p,
      user: body.user,
      tools: tools(body),
      toolChoice: toolChoice(body),
      parallelToolCalls: body.parallel_tool_calls,
      responseFormat:
        format == null
          ? undefined
          : format.type === "json_schema"
            ? defined({
                type: "json_schema" as const,
                name: format.name,
                description: format.description,
                schema: format.schema,
                strict: format.strict ?? undefined,
              })
            : { type: format.type },
      reasoningEffort: body.reasoning?.effort,
      verbosity: body.text?.verbosity,
      promptCacheKey: body.prompt_cache_key,
      promptCacheRetention: body.prompt_cache_retention,
      safetyIdentifier: body.safety_identifier,
      logprobs: logprobs ? { top: body.top_logprobs ?? 0 } : undefined,
    }),
  } as CanonicalRequest;
}

/** Fields the router leaves out for every provider (see routerDroppedParams for chat). */
export function responsesDroppedParams(body: ResponsesRequest): string[] {
  const dropped: string[] = [];
  if (body.metadata != null) dropped.push("metadata");
  if (body.service_tier != null && !["auto", "default"].includes(body.service_tier)) dropped.push("service_tier");
  if (body.truncation === "auto") dropped.push("truncation");
  if (body.max_tool_calls != null) dropped.push("max_tool_calls");
  if (body.prompt_cache_options != null) dropped.push("prompt_cache_options");
  if (body.context_management != null) dropped.push("context_management");
  if (body.stream_options?.include_obfuscation != null) dropped.push("stream_options.include_obfuscation");
  return dropped;
}
