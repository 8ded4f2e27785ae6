import type { Usage } from "../../schema/canonical.ts";
import type { AnthropicUsage } from "./api-types.ts";

/**
 * Anthropic counts cache reads and writes outside input_tokens; OpenAI's prompt_tokens
 * includes them. Canonical usage follows OpenAI: input = uncached + written + read.
 */
export function mapAnthropicUsage(usage: AnthropicUsage): Usage {
  const read = usage.cache_read_input_tokens ?? 0;
  const written = usage.cache_creation_input_tokens ?? 0;
  const mapped: Usage = {
    inputTokens: (usage.input_tokens ?? 0) + read + written,
    outputTokens: usage.output_tokens ?? 0,
  };
  if (usage.cache_read_input_tokens != null) mapped.cachedInputTokens = read;
  if (usage.cache_creation_input_tokens != null) mapped.cacheWriteInputTokens = written;
  return mapped;
}

/** Stream usage arrives in message_start and (cumulative) message_delta: later values win. */
export function mergeAnthropicUsage(base: AnthropicUsage, update: AnthropicUsage | null | undefined): AnthropicUsage {
  if (!update) return base;
  const merged: AnthropicUsage = { ...base };
  for (const [key, value] of Object.entries(update)) if (value != null) merged[key] = value;
  return merged;
}
