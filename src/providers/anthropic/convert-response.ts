// Anthropic Message JSON -> canonical response.
import type { CanonicalRequest, CanonicalResponse, ToolCall } from "../../schema/canonical.ts";
import { malformedUpstream } from "../upstream-error.ts";
import { anthropicMessageSchema } from "./api-types.ts";
import { PROVIDER } from "./capabilities.ts";
import { JSON_TOOL_NAME, wantsJsonTool } from "./json-mode.ts";
import { mapAnthropicStopReason } from "./map-finish-reason.ts";
import { mapAnthropicUsage } from "./map-usage.ts";

export function fromAnthropicMessage(body: unknown, request: CanonicalRequest): CanonicalResponse {
  const parsed = anthropicMessageSchema.safeParse(body);
  if (!parsed.success) throw malformedUpstream(PROVIDER, "response");
  const message = parsed.data;
  const json = wantsJsonTool(request);
  let text = "";
  let jsonText: string | undefined;
  let reasoning = "";
  let signature: string | undefined;
  const toolCalls: ToolCall[] = [];
  for (const block of message.content) {
    if (block.type === "text" && typeof block.text === "string") text += block.text;
    else if (block.type === "thinking" && typeof block.thinking === "string") {
      reasoning += block.thinking;
      if (typeof block.signature === "string") signature = block.signature;
    } else if (block.type === "tool_use") {
      const call = block as { id: string; name: string; input: unknown };
      const args = JSON.stringify(call.input ?? {});
      if (json && call.name === JSON_TOOL_NAME) jsonText = args;
      else toolCalls.push({ id: call.id, name: call.name, arguments: args });
    }
  }
  // JSON mode: the forced tool's input is the answer (any text beside it is not JSON).
  if (jsonText !== undefined) text = jsonText;
  let finishReason = mapAnthropicStopReason(message.stop_reason);
  if (json && finishReason === "tool_calls") finishReason = "stop";
  const response: CanonicalResponse = {
    content: text.length > 0 || toolCalls.length === 0 ? text : null,
    toolCalls,
    finishReason,
    usage: mapAnthropicUsage(message.usage),
  };
  if (reasoning) response.reasoning = reasoning;
  if (signature) response.reasoningSignature = signature;
  if (message.id) response.id = message.id;
  return response;
}
