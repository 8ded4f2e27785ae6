// Anthropic Messages request -> canonical request. tool_result blocks become tool messages (ahead
// of the turn's other content, as Anthropic orders them); signed thinking blocks travel with
// their assistant turn so an Anthropic model can continue a tool loop with thinking on.
import * as z from "zod";
import { invalidRequest } from "../errors.ts";
import type {
  CanonicalMessage,
  CanonicalRequest,
  ReasoningItem,
  ToolDefinition,
  UserContentPart,
} from "./canonical.ts";
import type { AnthropicRequest } from "./anthropic-request.ts";
import { issueToError } from "./parse-request.ts";
import { defined } from "./to-canonical.ts";

const unsupported = (message: string, param: string) => invalidRequest(message, param, "unsupported_parameter");

const imageBlock = z.looseObject({
  type: z.literal("image"),
  source: z.union([
    z.looseObject({ type: z.literal("base64"), media_type: z.string().min(1), data: z.string().min(1) }),
    z.looseObject({ type: z.literal("url"), url: z.string().min(1) }),
  ]),
});
const textBlock = z.looseObject({ type: z.literal("text"), text: z.string() });
const toolResult = z.looseObject({
  type: z.literal("tool_result"),
  tool_use_id: z.string().min(1),
  content: z.union([z.string(), z.array(z.looseObject({ type: z.string(), text: z.string().optional() }))]).optional(),
  is_error: z.boolean().optional(),
});
const toolUse = z.looseObject({
  type: z.literal("tool_use"),
  id: z.string().min(1),
  name: z.string().min(1),
  input: z.record(z.string(), z.unknown()),
});
const thinking = z.looseObject({ type: z.literal("thinking"), thinking: z.string(), signature: z.string().optional() });
const redacted = z.looseObject({ type: z.literal("redacted_thinking"), data: z.string() });

function parse<T>(schema: z.ZodType<T>, value: unknown, where: (string | number)[]): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0]!;
  throw issueToError({ ...issue, path: [...where, ...issue.path] });
}

function image(block: unknown, where: (string | number)[]): UserContentPart {
  const { source } = parse(imageBlock, block, where);
  return { type: "image", url: source.type === "url" ? source.url : `data:${source.media_type};base64,${source.data}` };
}

type Blocks = Exclude<AnthropicRequest["messages"][number]["content"], string>;

function userTurn(content: Blocks, i: number): CanonicalMessage[] {
  const out: CanonicalMessage[] = [];
  const parts: UserContentPart[] = [];
  content.forEach((block, j) => {
    const where = ["messages", i, "content", j];
    if (block.type === "text") parts.push({ type: "text", text: parse(textBlock, block, where).text });
    else if (block.type === "image") parts.push(image(block, where));
    else if (block.type === "tool_result") {
      const result = parse(toolResult, block, where);
      const text =
        typeof result.content === "string"
          ? result.content
          : (result.content ?? []).map((part) => part.text ?? "").join("");
      out.push({ role: "tool", toolCallId: result.tool_use_id, content: result.is_error ? `Error: ${text}` : text });
    } else {
      throw invalidRequest(
        `Content blocks of type '${block.type.slice(0, 40)}' are not supported by the router.`,
        `messages[${i}].content[${j}].type`,
        "unsupported_content_type",
      );
    }
  });
  if (parts.length > 0) out.push({ role: "user", content: parts });
  return out;
}

function assistantTurn(content: Blocks, i: number): CanonicalMessage {
  const reasoning: ReasoningItem[] = [];
  let text: string | null = null;
  const toolCalls: Extract<CanonicalMessage, { role: "assistant" }>["toolCalls"] = [];
  content.forEach((block, j) => {
    const where = ["messages", i, "content", j];
    if (block.type === "text") text = (text ?? "") + parse(textBlock, block, where).text;
    else if (block.type === "tool_use") {
      const call = parse(toolUse, block, where);
      toolCalls.push({ id: call.id, name: call.name, arguments: JSON.stringify(call.input) });
    } else if (block.type === "thinking") {
      const item = parse(thinking, block, where);
      reasoning.push(item.signature ? { text: item.thinking, signature: item.signature } : { text: item.thinking });
    } else if (block.type === "redacted_thinking") {
      reasoning.push({ text: "", redacted: parse(redacted, block, where).data });
    } else {
      throw invalidRequest(
        `Content blocks of type '${block.type.slice(0, 40)}' are not supported by the router.`,
        `messages[${i}].content[${j}].type`,
        "unsupported_content_type",
      );
    }
  });
  return { role: "assistant", content: text, toolCalls, ...(reasoning.length > 0 ? { reasoning } : {}) };
}

const customTool = z.looseObject({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1-64 characters of a-z, A-Z, 0-9, _ or -"),
  description: z.string().optional(),
  input_schema: z.record(z.string(), z.unknown()),
});

function tools(body: AnthropicRequest): ToolDefinition[] | undefined {
  return body.tools?.map((raw, i) => {
    if (raw.type !== undefined && raw.type !== "custom") {
      throw unsupported(
        `Server tools ('${String(raw.type).slice(0, 40)}') are not supported by the router; use custom tools.`,
        `tools[${i}].type`,
      );
    }
    const tool = parse(customTool, raw, ["tools", i]);
    return defined({ name: tool.name, description: tool.description, parameters: tool.input_schema }) as ToolDefinition;
  });
}

function toolChoice(body: AnthropicRequest): Pick<CanonicalRequest, "toolChoice" | "parallelToolCalls"> {
  const choice = body.tool_choice;
  if (!choice) return {};
  const parallel = choice.disable_parallel_tool_use ? { parallelToolCalls: false } : {};
  if (choice.type === "tool") {
    if (!choice.name) throw invalidRequest("tool_choice of type 'tool' needs a name.", "tool_choice.name");
    return { toolChoice: { name: choice.name }, ...parallel };
  }
  return { toolChoice: choice.type === "any" ? "required" : choice.type, ...parallel };
}

export function anthropicToCanonical(body: AnthropicRequest): CanonicalRequest {
  for (const field of ["container", "mcp_servers"] as const) {
    if (body[field] != null) throw unsupported(`'${field}' is not supported by the router.`, field);
  }
  const system =
    body.system == null ? [] : typeof body.system === "string" ? [body.system] : body.system.map((b) => b.text);
  const messages: CanonicalMessage[] = system.length > 0 ? [{ role: "system", content: system.join("\n\n") }] : [];
  body.messages.forEach((message, i) => {
    const content: Blocks =
      typeof message.content === "string" ? [{ type: "text", text: message.content }] : message.content;
    if (message.role === "user") messages.push(...userTurn(content, i));
    else messages.push(assistantTurn(content, i));
  });
  const budget = body.thinking?.type === "enabled" ? body.thinking.budget_tokens : undefined;
  return {
    messages,
    stream: body.stream ?? false,
    includeUsage: true,
    maxTokens: body.max_tokens,
    ...toolChoice(body),
    ...defined({
      temperature: body.temperature,
      topP: body.top_p,
      topK: body.top_k,
      stop: body.stop_sequences ?? undefined,
      user: body.metadata?.user_id ?? undefined,
      tools: tools(body),
      thinkingBudget: budget,
      // Providers that take an effort rather than a budget get the nearest one.
      reasoningEffort: budget === undefined ? undefined : budget <= 2048 ? "low" : budget <= 8192 ? "medium" : "high",
    }),
  } as CanonicalRequest;
}

export function anthropicDroppedByRouter(body: AnthropicRequest): string[] {
  const dropped: string[] = [];
  if (body.service_tier != null && body.service_tier !== "auto") dropped.push("service_tier");
  if (body.context_management != null) dropped.push("context_management");
  return dropped;
}
