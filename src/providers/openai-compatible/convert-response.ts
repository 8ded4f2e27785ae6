// OpenAI Chat Completions JSON -> canonical response.
import type { CanonicalResponse } from "../../schema/canonical";
import { malformedUpstream } from "../upstream-error";
import { chatCompletionSchema } from "./api-types";
import { mapOpenAIFinishReason } from "./map-finish-reason";
import { mapOpenAIUsage } from "./map-usage";

export function fromOpenAIResponse(provider: string, body: unknown): CanonicalResponse {
  const parsed = chatCompletionSchema.safeParse(body);
  if (!parsed.success) throw malformedUpstream(provider, "response");
  const { choices, usage, id } = parsed.data;
  const message = choices[0]!.message;
  const response: CanonicalResponse = {
    content: message.content ?? message.refusal ?? null,
    toolCalls: (message.tool_calls ?? []).map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    })),
    finishReason: mapOpenAIFinishReason(choices[0]!.finish_reason),
  };
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (reasoning) response.reasoning = reasoning;
  if (id) response.id = id;
  if (usage) response.usage = mapOpenAIUsage(usage);
  return response;
}
