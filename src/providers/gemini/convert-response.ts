// Gemini GenerateContentResponse JSON -> canonical response.
import type { CanonicalResponse, ToolCall } from "../../schema/canonical.ts";
import { malformedUpstream } from "../upstream-error.ts";
import { generateContentResponseSchema } from "./api-types.ts";
import { PROVIDER } from "./capabilities.ts";
import { mapGeminiFinishReason } from "./map-finish-reason.ts";
import { mapGeminiUsage } from "./map-usage.ts";
import { geminiToolCallId } from "./tool-call-id.ts";

export function fromGeminiResponse(body: unknown): CanonicalResponse {
  const parsed = generateContentResponseSchema.safeParse(body);
  if (!parsed.success) throw malformedUpstream(PROVIDER, "response");
  const data = parsed.data;
  const candidate = data.candidates?.[0];
  if (!candidate && !data.promptFeedback?.blockReason) throw malformedUpstream(PROVIDER, "response");
  let text = "";
  let reasoning = "";
  const toolCalls: ToolCall[] = [];
  for (const part of candidate?.content?.parts ?? []) {
    if (part.functionCall) {
      const call = part.functionCall;
      toolCalls.push({
        id: geminiToolCallId(call.id, data.responseId, toolCalls.length, call.name),
        name: call.name,
        arguments: JSON.stringify(call.args ?? {}),
      });
    } else if (typeof part.text === "string") {
      if (part.thought) reasoning += part.text;
      else text += part.text;
    }
  }
  // A blocked prompt has no candidate at all, only promptFeedback.blockReason.
  const finishReason = candidate
    ? mapGeminiFinishReason(candidate.finishReason, toolCalls.length > 0)
    : "content_filter";
  const response: CanonicalResponse = {
    content: text.length > 0 || toolCalls.length === 0 ? text : null,
    toolCalls,
    finishReason,
  };
  if (reasoning) response.reasoning = reasoning;
  if (data.responseId) response.id = data.responseId;
  if (data.usageMetadata) response.usage = mapGeminiUsage(data.usageMetadata);
  return response;
}
