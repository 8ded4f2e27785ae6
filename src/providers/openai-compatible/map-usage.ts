import type { Usage } from "../../schema/canonical.ts";
import type { OpenAIUsage } from "./api-types.ts";
import type { OpenAIDialect } from "./dialect.ts";

export function mapOpenAIUsage(usage: OpenAIUsage, dialect?: OpenAIDialect): Usage {
  const mapped: Usage = { inputTokens: usage.prompt_tokens, outputTokens: usage.completion_tokens };
  const cached = usage.prompt_tokens_details?.cached_tokens;
  const reasoning = usage.completion_tokens_details?.reasoning_tokens;
  if (cached != null) mapped.cachedInputTokens = cached;
  if (reasoning != null) mapped.reasoningTokens = reasoning;
  return { ...mapped, ...dialect?.extraUsage?.(usage) };
}
