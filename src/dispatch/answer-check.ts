// Cheap checks on an answer that decide whether to retry one tier up: empty, a refusal,
// cut by length when the caller set no limit, invalid JSON under JSON mode, tool-call
// arguments that do not parse or do not match the tool's schema.
import type { CanonicalRequest, CanonicalResponse } from "../schema/canonical.ts";
import { validateJsonSchema } from "./json-schema.ts";
import { looksLikeRefusal } from "./refusal.ts";

export type CheckFailure = "empty" | "refusal" | "length" | "invalid_json" | "invalid_tool_arguments";

export const jsonMode = (request: CanonicalRequest) =>
  request.responseFormat?.type === "json_object" || request.responseFormat?.type === "json_schema";

function parseJson(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

export function checkAnswer(response: CanonicalResponse, request: CanonicalRequest): CheckFailure | undefined {
  const text = response.content ?? "";
  if (response.toolCalls.length > 0) {
    const tools = new Map((request.tools ?? []).map((tool) => [tool.name, tool]));
    for (const call of response.toolCalls) {
      const tool = tools.get(call.name);
      const args = parseJson(call.arguments || "{}");
      if (!tool || !args.ok || typeOf(args.value) !== "object") return "invalid_tool_arguments";
      if (tool.parameters && validateJsonSchema(args.value, tool.parameters)) return "invalid_tool_arguments";
    }
    return undefined;
  }
  if (response.finishReason === "length" && request.maxTokens === undefined) return "length";
  if (text.trim().length === 0) return response.finishReason === "content_filter" ? undefined : "empty";
  if (jsonMode(request)) {
    const parsed = parseJson(text);
    if (!parsed.ok) return "invalid_json";
    const format = request.responseFormat;
    if (format?.type === "json_object" && typeOf(parsed.value) !== "object") return "invalid_json";
    if (format?.type === "json_schema" && format.schema && validateJsonSchema(parsed.value, format.schema))
      return "invalid_json";
    return undefined;
  }
  return looksLikeRefusal(text) ? "refusal" : undefined;
}

const typeOf = (value: unknown) => (value === null ? "null" : Array.isArray(value) ? "array" : typeof value);
