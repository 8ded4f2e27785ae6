// The usual OpenAI answer (a completion, or a stream chunk) read without zod: zod cannot compile
// its validators on Workers (no eval), and walking every answer and every chunk with it was a large
// share of the router's own time. An answer passes here only when every field the router reads has
// the type the schema (api-types.ts) requires; anything else (tool calls, log probabilities, an
// inline error, a value out of place) answers undefined and the schema decides. The consumers
// read named fields only, so the body itself stands in for the schema's output:
// plain-answer.test.ts checks on generated bodies that both give the same canonical answer.
import type { ChatChunk, ChatCompletion } from "./api-types.ts";

type Fields = Record<string, unknown>;

const isObject = (value: unknown): value is Fields =>
  typeof value === "object" && value !== null && !Array.isArray(value);
const optionalString = (value: unknown) => value == null || typeof value === "string";
const count = (value: unknown) => Number.isSafeInteger(value) && (value as number) >= 0;
const optionalCount = (value: unknown) => value == null || Number.isSafeInteger(value);

/** Usage as the schema reads it; extra fields stay (the schema's usage object is loose). */
function plainUsage(value: unknown): boolean {
  if (value == null) return true;
  if (!isObject(value) || !count(value.prompt_tokens) || !count(value.completion_tokens)) return false;
  const prompt = value.prompt_tokens_details;
  const completion = value.completion_tokens_details;
  return (
    (prompt == null || (isObject(prompt) && optionalCount(prompt.cached_tokens))) &&
    (completion == null || (isObject(completion) && optionalCount(completion.reasoning_tokens)))
  );
}

/** Text fields only: tool calls and log probabilities go through the schema. */
function plainText(message: unknown, fields: readonly string[]): boolean {
  if (!isObject(message)) return false;
  for (const field of fields) if (!optionalString(message[field])) return false;
  return message.tool_calls == null;
}

const MESSAGE_FIELDS = ["content", "reasoning_content", "reasoning", "refusal"] as const;
const DELTA_FIELDS = ["content", "reasoning_content", "reasoning"] as const;

function plainChoices(value: unknown, body: "message" | "delta", minLength: number): boolean {
  if (!Array.isArray(value) || value.length < minLength) return false;
  for (const choice of value) {
    if (!isObject(choice) || !optionalString(choice.finish_reason) || choice.logprobs != null) return false;
    if (
      body === "message"
        ? !plainText(choice.message, MESSAGE_FIELDS)
        : !(choice.delta == null || plainText(choice.delta, DELTA_FIELDS))
    )
      return false;
  }
  return true;
}

export function plainCompletion(body: unknown): ChatCompletion | undefined {
  if (!isObject(body) || !(body.id === undefined || typeof body.id === "string")) return undefined;
  return plainChoices(body.choices, "message", 1) && plainUsage(body.usage) ? (body as ChatCompletion) : undefined;
}

export function plainChunk(body: unknown): ChatChunk | undefined {
  if (!isObject(body) || body.error != null) return undefined;
  return plainChoices(body.choices, "delta", 0) && plainUsage(body.usage) ? (body as ChatChunk) : undefined;
}
