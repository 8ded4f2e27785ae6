// OpenAI Chat Completions JSON -> canonical response.
import type { CanonicalResponse } from "../../schema/canonical.ts";
import { malformedUpstream, upstreamInlineError } from "../upstream-error.ts";
import { chatCompletionSchema, errorBodySchema, type ChatCompletion } from "./api-types.ts";
import type { OpenAIDialect } from "./dialect.ts";
import { mapOpenAIFinishReason } from "./map-finish-reason.ts";
import { mapOpenAIUsage } from "./map-usage.ts";
import { plainCompletion } from "./plain-answer.ts";

/** The completion as the schema reads it (the usual shape without zod: plain-answer.ts). */
export function readCompletion(dialect: OpenAIDialect, body: unknown): ChatCompletion {
  const plain = plainCompletion(body);
  if (plain) return plain;
  const parsed = chatCompletionSchema.safeParse(body);
  if (parsed.success) return parsed.data;
  // Some servers answer 200 with an error object instead of a completion.
  const error = errorBodySchema.safeParse(body);
  if (error.success && error.data.error)
    throw upstreamInlineError(dialect.name, error.data.error.code ?? error.data.error.type);
  throw malformedUpstream(dialect.name, "response");
}

export function fromOpenAIResponse(dialect: OpenAIDialect, body: unknown): CanonicalResponse {
  return completionToCanonical(dialect, readCompletion(dialect, body));
}

export function completionToCanonical(dialect: OpenAIDialect, completion: ChatCompletion): CanonicalResponse {
  const { choices, usage, id } = completion;
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
