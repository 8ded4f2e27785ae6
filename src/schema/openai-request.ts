// zod schema of the OpenAI Chat Completions request, as clients send it.
// Top-level unknown arguments are refused (as OpenAI does) rather than silently dropped.
import * as z from "zod";
import { REASONING_EFFORTS } from "./canonical.ts";
import { routerOptionsSchema } from "./router-options.ts";

const textPart = z.object({ type: z.literal("text"), text: z.string() });
const imagePart = z.object({
  type: z.literal("image_url"),
  image_url: z.object({ url: z.string().min(1), detail: z.enum(["auto", "low", "high"]).optional() }),
});
const audioPart = z.object({ type: z.literal("input_audio"), input_audio: z.unknown() });
const filePart = z.object({ type: z.literal("file"), file: z.unknown() });
const refusalPart = z.object({ type: z.literal("refusal"), refusal: z.string() });

const textOnlyContent = z.union([z.string(), z.array(textPart)]);

const toolCall = z.object({
  id: z.string().min(1),
  type: z.literal("function"),
  function: z.object({ name: z.string().min(1), arguments: z.string() }),
});

const systemMessage = z.object({
  role: z.enum(["system", "developer"]),
  content: textOnlyContent,
  name: z.string().optional(),
});
const userMessage = z.object({
  role: z.literal("user"),
  content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, imagePart, audioPart, filePart]))]),
  name: z.string().optional(),
});
const assistantMessage = z.object({
  role: z.literal("assistant"),
  content: z.union([z.string(), z.array(z.discriminatedUnion("type", [textPart, refusalPart]))]).nullish(),
  tool_calls: z.array(toolCall).optional(),
  name: z.string().optional(),
  refusal: z.string().nullish(),
});
const toolMessage = z.object({
  role: z.literal("tool"),
  content: textOnlyContent,
  tool_call_id: z.string().min(1),
});
/** Legacy function calling: the assistant's call and the function's answer. */
const legacyFunctionCall = z.object({ name: z.string().min(1), arguments: z.string() });
const functionMessage = z.object({
  role: z.literal("function"),
  name: z.string().min(1),
  content: z.string().nullable(),
});

export const messageSchema = z.discriminatedUnion("role", [
  systemMessage,
  userMessage,
  assistantMessage.extend({ function_call: legacyFunctionCall.nullish() }),
  toolMessage,
  functionMessage,
]);

const functionDefinition = z.object({
  name: z.string().regex(/^[a-zA-Z0-9_-]{1,64}$/, "must be 1-64 characters of a-z, A-Z, 0-9, _ or -"),
  description: z.string().optional(),
  parameters: z.record(z.string(), z.unknown()).optional(),
  strict: z.boolean().nullish(),
});
const functionTool = z.object({ type: z.literal("function"), function: functionDefinition });
const otherTool = z.looseObject({ type: z.string().refine((type) => type !== "function") });
export type FunctionDefinition = z.infer<typeof functionDefinition>;

const toolChoice = z.union([
  z.enum(["auto", "none", "required"]),
  z.object({ type: z.literal("function"), function: z.object({ name: z.string().min(1) }) }),
]);

const responseFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    json_schema: z.object({
      name: z.string().min(1),
      description: z.string().optional(),
      schema: z.record(z.string(), z.unknown()).optional(),
      strict: z.boolean().nullish(),
    }),
  }),
]);

export const chatRequestSchema = z.strictObject({
  // Model ids are short; a bound keeps error messages that name the model short too.
  model: z.string().min(1).max(256),
  messages: z.array(messageSchema).min(1, "messages must contain at least one message"),
  stream: z.boolean().nullish(),
  stream_options: z
    .object({ include_usage: z.boolean().optional(), include_obfuscation: z.boolean().optional() })
    .nullish(),
  max_tokens: z.number().int().positive().nullish(),
  max_completion_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  n: z.number().int().min(1).max(128).nullish(),
  stop: z.union([z.string(), z.array(z.string()).max(4)]).nullish(),
  seed: z.number().int().nullish(),
  user: z.string().nullish(),
  presence_penalty: z.number().min(-2).max(2).nullish(),
  frequency_penalty: z.number().min(-2).max(2).nullish(),
  logit_bias: z.record(z.string(), z.number()).nullish(),
  logprobs: z.boolean().nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  // Other tool types (custom, hosted) are refused by name in to-canonical.ts, not as a schema mismatch.
  tools: z
    .array(z.union([functionTool, otherTool]))
    .max(128)
    .nullish(),
  tool_choice: toolChoice.nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  response_format: responseFormat.nullish(),
  reasoning_effort: z.enum(REASONING_EFFORTS).nullish(),
  // Current OpenAI fields: how each is handled is in README "Chat Completions fields" and
  // test/chat-fields.test.ts (a test per field).
  prompt_cache_key: z.string().max(1024).nullish(),
  prompt_cache_retention: z.enum(["in_memory", "24h"]).nullish(),
  prompt_cache_options: z.record(z.string(), z.unknown()).nullish(),
  safety_identifier: z.string().max(1024).nullish(),
  verbosity: z.enum(["low", "medium", "high"]).nullish(),
  prediction: z.object({ type: z.literal("content"), content: z.union([z.string(), z.array(textPart)]) }).nullish(),
  modalities: z.array(z.enum(["text", "audio"])).nullish(),
  audio: z.record(z.string(), z.unknown()).nullish(),
  web_search_options: z.record(z.string(), z.unknown()).nullish(),
  moderation: z.record(z.string(), z.unknown()).nullish(),
  functions: z.array(functionDefinition).max(128).nullish(),
  function_call: z.union([z.enum(["none", "auto"]), z.object({ name: z.string().min(1) })]).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  store: z.boolean().nullish(),
  service_tier: z.string().nullish(),
  /** Triage's own per-request routing limits; stripped before any upstream call. */
  router: routerOptionsSchema.nullish(),
});

export type ChatRequest = z.infer<typeof chatRequestSchema>;
export type ChatMessage = z.infer<typeof messageSchema>;
