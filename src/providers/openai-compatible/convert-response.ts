// OpenAI Chat Completions JSON -> canonical response.
import type { CanonicalResponse } from "../../schema/canonical.ts";
import { malformedUpstream, upstreamInlineError } from "../upstream-error.ts";
import { chatCompletionSchema, errorBodySchema } from "./api-types.ts";
import type { OpenAIDialect } from "./dialect.ts";
import { mapOpenAIFinishReason } from "./map-finish-reason.ts";
import { mapOpenAIUsage } from "./map-usage.ts";

export function fromOpenAIResponse(dialect: OpenAIDialect, body: unknown): CanonicalResponse {
  const parsed = chatCompletionSchema.safeParse(body);
  if (!parsed.success) {
    // Some servers answer 200 with an error object instead of a completion.
    const error = errorBodySchema.safeParse(body);
    if (error.success && error.data.error)
      throw upstreamInlineError(dialect.name, error.data.error.code ?? error.data.error.type);
    throw malformedUpstream(dialect.name, "response");
  }
  const { choices, usage, id } = parsed.data;
  const choice = choices[0]!;
  if (choice.finish_reason === "error") throw upstreamInlineError(dialect.name, undefined);
  const message = choice.message;
  const response: CanonicalResponse = {
    content: message.content ?? message.refusal ?? null,
    toolCalls: (message.tool_calls ?? []).map((call) => ({
      id: call.id,
      name: call.function.name,
      arguments: call.function.arguments,
    })),
    finishReason: mapOpenAIFinishReason(choice.finish_reason),
  };
  const reasoning = message.reasoning_content ?? message.reasoning;
  if (reasoning) response.reasoning = reasoning;
  if (choice.logprobs?.content) response.logprobs = choice.logprobs.content;
  if (id) response.id = id;
  if (usage) response.usage = mapOpenAIUsage(usage, dialect);
  return response;
}
