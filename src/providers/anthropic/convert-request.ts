// Canonical request -> Anthropic Messages request body.
import type { CanonicalMessage, CanonicalRequest, UserContentPart } from "../../schema/canonical.ts";
import type { UpstreamTarget } from "../types.ts";
import { droppedFields } from "../dropped-params.ts";
import { refuseBeyondCapabilities, refuseOutputConstraints, unsupportedParameter } from "../unsupported.ts";
import { ANTHROPIC_CAPABILITIES, PROVIDER } from "./capabilities.ts";
import { JSON_TOOL_NAME, jsonTool, wantsJsonTool } from "./json-mode.ts";

type Block = Record<string, unknown>;
interface Turn {
  role: "user" | "assistant";
  content: Block[];
}

/** max_tokens is required; without a caller cap use the model's ceiling, bounded. */
const DEFAULT_MAX_TOKENS = 8192;
/** reasoning_effort -> thinking budget (tokens). "minimal" means no extended thinking. */
const THINKING_BUDGET = { low: 1024, medium: 4096, high: 16384, xhigh: 32768, max: 65536 } as const;
const IMAGE_TYPES = new Set(["image/jpeg", "image/png", "image/gif", "image/webp"]);

function imageBlock(part: Extract<UserContentPart, { type: "image" }>, where: string): Block {
  const data = /^data:([^;,]+);base64,(.*)$/s.exec(part.url);
  if (data) {
    if (!IMAGE_TYPES.has(data[1]!))
      throw unsupportedParameter(PROVIDER, where, `has an image type Anthropic does not accept (${data[1]})`);
    return { type: "image", source: { type: "base64", media_type: data[1], data: data[2] } };
  }
  if (/^https?:\/\//i.test(part.url)) return { type: "image", source: { type: "url", url: part.url } };
  throw unsupportedParameter(PROVIDER, where, "must be an https or base64 data URL");
}

function toolInput(argumentsText: string, where: string): unknown {
  try {
    const input = JSON.parse(argumentsText) as unknown;
    if (input && typeof input === "object" && !Array.isArray(input)) return input;
  } catch {
    // fall through
  }
  throw unsupportedParameter(PROVIDER, where, "must be a JSON object for Anthropic");
}

function blocksOf(message: Exclude<CanonicalMessage, { role: "system" }>, index: number): Block[] {
  switch (message.role) {
    case "user":
      return message.content.map((part, j) =>
        part.type === "text" ? { type: "text", text: part.text } : imageBlock(part, `messages[${index}].content[${j}]`),
      );
    case "assistant": {
      // Signed thinking from an earlier Anthropic turn goes back first, as Anthropic requires.
      const blocks: Block[] = (message.reasoning ?? []).flatMap((item): Block[] =>
        item.redacted
          ? [{ type: "redacted_thinking", data: item.redacted }]
          : item.signature
            ? [{ type: "thinking", thinking: item.text, signature: item.signature }]
            : [],
      );
      if (message.content) blocks.push({ type: "text", text: message.content });
      message.toolCalls.forEach((call, j) =>
        blocks.push({
          type: "tool_use",
          id: call.id,
          name: call.name,
          input: toolInput(call.arguments, `messages[${index}].tool_calls[${j}].function.arguments`),
        }),
      );
      return blocks;
    }
    case "tool":
      return [{ type: "tool_result", tool_use_id: message.toolCallId, content: message.content }];
  }
}

/**
 * A continuation ends on the assistant's partial answer: Anthropic prefills from it, but refuses a
 * final assistant turn that ends in whitespace, so the trailing whitespace goes.
 */
function trimPrefill(turns: Turn[]): void {
  const last = turns.at(-1);
  const block = last?.role === "assistant" ? last.content.at(-1) : undefined;
  if (block?.type === "text" && typeof block.text === "string") block.text = block.text.trimEnd();
}

/** System messages become the top-level system prompt; consecutive same-role turns merge. */
function toTurns(messages: CanonicalMessage[]): { system: string[]; turns: Turn[] } {
  const system: string[] = [];
  const turns: Turn[] = [];
  messages.forEach((message, index) => {
    if (message.role === "system") {
      system.push(message.content);
      return;
    }
    const role = message.role === "assistant" ? "assistant" : "user";
    const content = blocksOf(message, index);
    if (content.length === 0) return; // an empty assistant turn: Anthropic refuses empty content
    const last = turns.at(-1);
    if (last?.role === role) {
      // tool_result blocks must come first in a user turn; they do, as tool messages precede follow-ups.
      last.content.push(...content);
    } else turns.push({ role, content });
  });
  return { system, turns };
}

function toolChoice(request: CanonicalRequest): Block | undefined {
  const choice = request.toolChoice;
  let out: Block | undefined;
  if (choice === "auto") out = { type: "auto" };
  else if (choice === "required") out = { type: "any" };
  else if (choice === "none") out = { type: "none" };
  else if (choice) out = { type: "tool", name: choice.name };
  if (request.parallelToolCalls === false && choice !== "none") {
    out = { ...(out ?? { type: "auto" }), disable_parallel_tool_use: true };
  }
  return out;
}

/** The effort that turns extended thinking on ("none" and "minimal" leave it off). */
function thinkingEffort(request: CanonicalRequest): keyof typeof THINKING_BUDGET | undefined {
  if (request.thinkingBudget !== undefined) return "low";
  const effort = request.reasoningEffort;
  return effort && effort !== "none" && effort !== "minimal" ? effort : undefined;
}

/** What Anthropic carries: user and safety_identifier (metadata.user_id), top_k, a cache key (with a system prompt). */
export function anthropicDroppedParams(request: CanonicalRequest): string[] {
  const hasSystem = request.messages.some((m) => m.role === "system");
  const carried = ["top_k", "parallel_tool_calls", ...(hasSystem ? ["prompt_cache_key"] : [])];
  if (request.user) carried.push("user");
  else carried.push("safety_identifier");
  return droppedFields(request, carried);
}

export function toAnthropicBody(request: CanonicalRequest, target: UpstreamTarget): Record<string, unknown> {
  refuseBeyondCapabilities(PROVIDER, ANTHROPIC_CAPABILITIES, request);
  refuseOutputConstraints(PROVIDER, request);
  if (request.temperature !== undefined && request.temperature > 1) {
    throw unsupportedParameter(PROVIDER, "temperature", "must be at most 1 for Anthropic");
  }
  if (request.temperature !== undefined && request.topP !== undefined) {
    throw unsupportedParameter(PROVIDER, "top_p", "cannot be combined with temperature on current Claude models");
  }
  for (const [param, value] of [
    ["presence_penalty", request.presencePenalty],
    ["frequency_penalty", request.frequencyPenalty],
  ] as const) {
    if (value !== undefined) throw unsupportedParameter(PROVIDER, param);
  }
  const json = wantsJsonTool(request);
  if (json && request.tools?.length) {
    throw unsupportedParameter(PROVIDER, "response_format", "cannot be combined with tools on Anthropic");
  }

  const { system, turns } = toTurns(request.messages);
  if (request.continuation) trimPrefill(turns);
  const ceiling = Math.min(target.maxOutputTokens ?? DEFAULT_MAX_TOKENS, DEFAULT_MAX_TOKENS);
  const body: Record<string, unknown> = {
    model: target.upstreamModel,
    max_tokens: request.maxTokens ?? ceiling,
    messages: turns,
  };
  if (system.length > 0) {
    // A prompt-cache key says the prefix repeats: Anthropic caches it when asked with a breakpoint.
    body.system = request.promptCacheKey
      ? [{ type: "text", text: system.join("\n\n"), cache_control: { type: "ephemeral" } }]
      : system.join("\n\n");
  }
  if (request.topK !== undefined) body.top_k = request.topK;
  if (request.stop) body.stop_sequences = request.stop;
  if (request.temperature !== undefined) body.temperature = request.temperature;
  if (request.topP !== undefined) body.top_p = request.topP;
  const userId = request.user ?? request.safetyIdentifier;
  if (userId) body.metadata = { user_id: userId };
  if (request.stream) body.stream = true;

  if (json) {
    body.tools = [jsonTool(request)];
    body.tool_choice = { type: "tool", name: JSON_TOOL_NAME };
  } else if (request.tools) {
    body.tools = request.tools.map((tool) => ({
      name: tool.name,
      ...(tool.description ? { description: tool.description } : {}),
      input_schema: tool.parameters ?? { type: "object", properties: {} },
    }));
    const choice = toolChoice(request);
    if (choice) body.tool_choice = choice;
  }

  // Anthropic requires the signed thinking block of an earlier tool-use turn to be sent back;
  // OpenAI-format clients cannot carry it, so thinking stays off inside a tool loop whose turns lack it.
  const inToolLoop = turns.some(
    (turn) =>
      turn.role === "assistant" &&
      turn.content.some((b) => b.type === "tool_use") &&
      !turn.content.some((b) => b.type === "thinking" || b.type === "redacted_thinking"),
  );
  const effort = thinkingEffort(request);
  if (effort && !inToolLoop) {
    const forced = json || request.toolChoice === "required" || typeof request.toolChoice === "object";
    if (forced)
      throw unsupportedParameter(
        PROVIDER,
        "reasoning_effort",
        "cannot be combined with a forced tool or JSON mode on Anthropic",
      );
    if (request.temperature !== undefined && request.temperature !== 1) {
      throw unsupportedParameter(PROVIDER, "reasoning_effort", "requires temperature 1 (or unset) on Anthropic");
    }
    const wanted = request.thinkingBudget ?? THINKING_BUDGET[effort];
    const maxTokens = request.maxTokens ?? Math.min(wanted + ceiling, target.maxOutputTokens ?? Infinity);
    const budget = Math.min(wanted, maxTokens - 1);
    if (budget < 1024)
      throw unsupportedParameter(PROVIDER, "reasoning_effort", "needs max_tokens above 1024 on Anthropic");
    body.max_tokens = maxTokens;
    body.thinking = { type: "enabled", budget_tokens: budget };
  }
  return body;
}
