// zod schemas for the OpenAI Chat Completions response and stream chunk, loose
// where providers add fields, strict where the router depends on a value.
import * as z from "zod";

const usage = z
  .looseObject({
    prompt_tokens: z.number().int().nonnegative(),
    completion_tokens: z.number().int().nonnegative(),
    prompt_tokens_details: z.object({ cached_tokens: z.number().int().nullish() }).nullish(),
    completion_tokens_details: z.object({ reasoning_tokens: z.number().int().nullish() }).nullish(),
  })
  .nullish();

const toolCall = z.object({
  id: z.string(),
  type: z.literal("function").optional(),
  function: z.object({ name: z.string(), arguments: z.string() }),
});

/** An error object inside a 200 body or a stream chunk (OpenAI, OpenRouter and others send these). */
const inlineError = z.object({ message: z.string().optional(), code: z.unknown().optional() }).nullish();

/** Token log probabilities, passed through as the provider sent them (OpenAI's shape). */
const logprobs = z.looseObject({ content: z.array(z.unknown()).nullish() }).nullish();

export const chatCompletionSchema = z.object({
  id: z.string().optional(),
  choices: z
    .array(
      z.object({
        message: z.object({
          content: z.string().nullish(),
          reasoning_content: z.string().nullish(),
          reasoning: z.string().nullish(),
          tool_calls: z.array(toolCall).nullish(),
          refusal: z.string().nullish(),
        }),
        finish_reason: z.string().nullish(),
        logprobs,
      }),
    )
    .min(1),
  usage,
});

const toolCallDelta = z.object({
  index: z.number().int().nonnegative(),
  id: z.string().nullish(),
  function: z.object({ name: z.string().nullish(), arguments: z.string().nullish() }).nullish(),
});

export const chatChunkSchema = z.object({
  choices: z
    .array(
      z.object({
        delta: z
          .object({
            content: z.string().nullish(),
            reasoning_content: z.string().nullish(),
            reasoning: z.string().nullish(),
            tool_calls: z.array(toolCallDelta).nullish(),
          })
          .nullish(),
        finish_reason: z.string().nullish(),
        logprobs,
      }),
    )
    .default([]),
  usage,
  error: inlineError,
});

export const errorBodySchema = z.object({ error: inlineError });

export type ChatCompletion = z.infer<typeof chatCompletionSchema>;
export type ChatChunk = z.infer<typeof chatChunkSchema>;
export type OpenAIUsage = NonNullable<ChatCompletion["usage"]>;
