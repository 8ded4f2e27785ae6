// Canonical request -> Gemini generateContent body.
import type { CanonicalMessage, CanonicalRequest } from "../../schema/canonical.ts";
import { droppedFields } from "../dropped-params.ts";
import { refuseBeyondCapabilities, refuseOutputConstraints, unsupportedParameter } from "../unsupported.ts";
import { GEMINI_CAPABILITIES, PROVIDER } from "./capabilities.ts";

type Part = Record<string, unknown>;
interface Content {
  role: "user" | "model";
  parts: Part[];
}

/** reasoning_effort -> thinkingBudget (tokens). */
const THINKING_BUDGET = { none: 0, minimal: 512, low: 1024, medium: 8192, high: 24576, xhigh: 32768, max: 32768 };
/**
 * OpenAI-format clients cannot send Gemini's thought signatures back. Google documents this
 * value for replayed function calls whose signature is unavailable (Gemini 3 requires one).
 */
export const SKIP_SIGNATURE = "skip_thought_signature_validator";

function parseArgs(text: string, where: string): Record<string, unknown> {
  try {
    const args = JSON.parse(text) as unknown;
    if (args && typeof args === "object" && !Array.isArray(args)) return args as Record<string, unknown>;
  } catch {
    // fall through
  }
  throw unsupportedParameter(PROVIDER, where, "must be a JSON object for Gemini");
}

/** A tool result's content as Gemini's functionResponse.response (an object; "output" per the docs). */
function responseObject(content: string): Record<string, unknown> {
  try {
    const value = JSON.parse(content) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // plain text
  }
  return { output: content };
}

function partsOf(
  message: Exclude<CanonicalMessage, { role: "system" }>,
  index: number,
  names: Map<string, string>,
): Part[] {
  switch (message.role) {
    case "user":
      return message.content.map((part, j) => {
        if (part.type === "text") return { text: part.text };
        const data = /^data:([^;,]+);base64,(.*)$/s.exec(part.url);
        if (!data)
          throw unsupportedParameter(
            PROVIDER,
            `messages[${index}].content[${j}]`,
            "must be a base64 data URL for Gemini",
          );
        return { inlineData: { mimeType: data[1], data: data[2] } };
      });
    case "assistant": {
      const parts: Part[] = message.content ? [{ text: message.content }] : [];
      message.toolCalls.forEach((call, j) => {
        names.set(call.id, call.name);
        const functionCall = {
          name: call.name,
          args: parseArgs(call.arguments, `messages[${index}].tool_calls[${j}].function.arguments`),
        };
        parts.push(j === 0 ? { functionCall, thoughtSignature: SKIP_SIGNATURE } : { functionCall });
      });
      return parts;
    }
    case "tool": {
      const name = names.get(message.toolCallId);
      if (!name)
        throw unsupportedParameter(
          PROVIDER,
          `messages[${index}].tool_call_id`,
          "does not match an earlier tool call (Gemini needs the function name)",
        );
      return [{ functionResponse: { name, response: responseObject(message.content) } }];
    }
  }
}

function toContents(messages: CanonicalMessage[]) {
  const system: string[] = [];
  const contents: Content[] = [];
  const names = new Map<string, string>();
  messages.forEach((message, index) => {
    if (message.role === "system") {
      system.push(message.content);
      return;
    }
    const role = message.role === "assistant" ? "model" : "user";
    const parts = partsOf(message, index, names);
    if (parts.length === 0) return;
    const last = contents.at(-1);
    if (last?.role === role) last.parts.push(...parts);
    else contents.push({ role, parts });
  });
  return { system, contents };
}

function toolConfig(request: CanonicalRequest) {
  const choice = request.toolChoice;
  if (choice === undefined) return undefined;
  if (choice === "auto") return { functionCallingConfig: { mode: "AUTO" } };
  if (choice === "none") return { functionCallingConfig: { mode: "NONE" } };
  if (choice === "required") return { functionCallingConfig: { mode: "ANY" } };
  return { functionCallingConfig: { mode: "ANY", allowedFunctionNames: [choice.name] } };
}

export function toGeminiBody(request: CanonicalRequest): Record<string, unknown> {
  refuseBeyondCapabilities(PROVIDER, GEMINI_CAPABILITIES, request);
  refuseOutputConstraints(PROVIDER, request);
  if (request.parallelToolCalls === false) {
    throw unsupportedParameter(PROVIDER, "parallel_tool_calls", "cannot be turned off on Gemini");
  }
  const { system, contents } = toContents(request.messages);
  const body: Record<string, unknown> = { contents };
  if (system.length > 0) body.systemInstruction = { parts: [{ text: system.join("\n\n") }] };
  if (request.tools) {
    body.tools = [
      {
        functionDeclarations: request.tools.map((tool) => ({
          name: tool.name,
          ...(tool.description ? { description: tool.description } : {}),
          ...(tool.parameters ? { parametersJsonSchema: tool.parameters } : {}),
        })),
      },
    ];
  }
  const config = toolConfig(request);
  if (config) body.toolConfig = config;

  const generation: Record<string, unknown> = {};
  if (request.stop) generation.stopSequences = request.stop;
  if (request.temperature !== undefined) generation.temperature = request.temperature;
  if (request.topP !== undefined) generation.topP = request.topP;
  if (request.topK !== undefined) generation.topK = request.topK;
  if (request.maxTokens !== undefined) generation.maxOutputTokens = request.maxTokens;
  if (request.seed !== undefined) generation.seed = request.seed;
  if (request.presencePenalty !== undefined) generation.presencePenalty = request.presencePenalty;
  if (request.frequencyPenalty !== undefined) generation.frequencyPenalty = request.frequencyPenalty;
  const format = request.responseFormat;
  if (format?.type === "json_object" || format?.type === "json_schema")
    generation.responseMimeType = "application/json";
  if (format?.type === "json_schema" && format.schema) generation.responseJsonSchema = format.schema;
  const thinkingBudget =
    request.thinkingBudget ?? (request.reasoningEffort ? THINKING_BUDGET[request.reasoningEffort] : undefined);
  if (thinkingBudget !== undefined) {
    generation.thinkingConfig = { thinkingBudget, includeThoughts: thinkingBudget > 0 };
  }
  if (Object.keys(generation).length > 0) body.generationConfig = generation;
  return body;
}

/** Gemini has no user id, prompt-cache key, verbosity, predicted output or logit bias. */
export const geminiDroppedParams = (request: CanonicalRequest) =>
  droppedFields(request, ["seed", "top_k", "parallel_tool_calls"]);
