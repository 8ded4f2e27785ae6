// zod schema of the OpenAI Responses API request (POST /v1/responses), as clients send it.
// Top-level unknown arguments are refused; input items and tools are checked item by item in
// responses-to-canonical.ts, which names what the router cannot carry.
import * as z from "zod";
import { REASONING_EFFORTS } from "./canonical.ts";
import { routerOptionsSchema } from "./router-options.ts";

const item = z.looseObject({ type: z.string().optional() });

const textFormat = z.discriminatedUnion("type", [
  z.object({ type: z.literal("text") }),
  z.object({ type: z.literal("json_object") }),
  z.object({
    type: z.literal("json_schema"),
    name: z.string().min(1),
    description: z.string().optional(),
    schema: z.record(z.string(), z.unknown()),
    strict: z.boolean().nullish(),
  }),
]);

export const responsesRequestSchema = z.strictObject({
  model: z.string().min(1).max(256),
  input: z.union([z.string(), z.array(item)]).optional(),
  instructions: z.string().nullish(),
  tools: z.array(item).max(128).nullish(),
  tool_choice: z.union([z.enum(["auto", "none", "required"]), item]).nullish(),
  text: z.object({ format: textFormat.nullish(), verbosity: z.enum(["low", "medium", "high"]).nullish() }).nullish(),
  reasoning: z
    .object({
      effort: z.enum(REASONING_EFFORTS).nullish(),
      summary: z.enum(["auto", "concise", "detailed"]).nullish(),
      generate_summary: z.enum(["auto", "concise", "detailed"]).nullish(),
    })
    .nullish(),
  max_output_tokens: z.number().int().positive().nullish(),
  temperature: z.number().min(0).max(2).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_logprobs: z.number().int().min(0).max(20).nullish(),
  stream: z.boolean().nullish(),
  stream_options: z.object({ include_obfuscation: z.boolean().optional() }).nullish(),
  store: z.boolean().nullish(),
  previous_response_id: z.string().min(1).max(200).nullish(),
  include: z.array(z.string()).nullish(),
  metadata: z.record(z.string(), z.string()).nullish(),
  parallel_tool_calls: z.boolean().nullish(),
  user: z.string().nullish(),
  safety_identifier: z.string().max(1024).nullish(),
  prompt_cache_key: z.string().max(1024).nullish(),
  prompt_cache_retention: z.enum(["in_memory", "24h"]).nullish(),
  prompt_cache_options: z.record(z.string(), z.unknown()).nullish(),
  truncation: z.enum(["auto", "disabled"]).nullish(),
  service_tier: z.string().nullish(),
  max_tool_calls: z.number().int().positive().nullish(),
  context_management: z.unknown().optional(),
  // Refused with a clear message (responses-to-canonical.ts): state the router does not keep or runs elsewhere.
  background: z.boolean().nullish(),
  conversation: z.unknown().optional(),
  prompt: z.unknown().optional(),
  moderation: z.unknown().optional(),
  router: routerOptionsSchema.nullish(),
});

export type ResponsesRequest = z.infer<typeof responsesRequestSchema>;
