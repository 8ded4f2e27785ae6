// zod schema of the Anthropic Messages request (POST /v1/messages), as Anthropic's SDK sends it.
// Content blocks are checked one by one in anthropic-to-canonical.ts, which names what the router
// cannot carry (documents, server tools, MCP).
import * as z from "zod";
import { routerOptionsSchema } from "./router-options.ts";

const block = z.looseObject({ type: z.string() });
const textBlock = z.looseObject({ type: z.literal("text"), text: z.string() });

export const anthropicRequestSchema = z.strictObject({
  model: z.string().min(1).max(256),
  max_tokens: z.number().int().positive(),
  messages: z
    .array(z.looseObject({ role: z.enum(["user", "assistant"]), content: z.union([z.string(), z.array(block)]) }))
    .min(1, "messages must contain at least one message"),
  system: z.union([z.string(), z.array(textBlock)]).nullish(),
  metadata: z.looseObject({ user_id: z.string().max(256).nullish() }).nullish(),
  stop_sequences: z.array(z.string()).nullish(),
  stream: z.boolean().nullish(),
  temperature: z.number().min(0).max(1).nullish(),
  top_p: z.number().min(0).max(1).nullish(),
  top_k: z.number().int().positive().nullish(),
  // Custom tools carry no type (or "custom"); server tools name theirs.
  tools: z
    .array(z.looseObject({ type: z.string().optional() }))
    .max(128)
    .nullish(),
  tool_choice: z
    .looseObject({
      type: z.enum(["auto", "any", "tool", "none"]),
      name: z.string().optional(),
      disable_parallel_tool_use: z.boolean().optional(),
    })
    .nullish(),
  thinking: z
    .union([
      z.object({ type: z.literal("enabled"), budget_tokens: z.number().int().min(1024) }),
      z.object({ type: z.literal("disabled") }),
    ])
    .nullish(),
  service_tier: z.string().nullish(),
  // Refused with a clear message: the router runs no containers or MCP servers.
  container: z.unknown().optional(),
  mcp_servers: z.unknown().optional(),
  context_management: z.unknown().optional(),
  router: routerOptionsSchema.nullish(),
});

export type AnthropicRequest = z.infer<typeof anthropicRequestSchema>;
