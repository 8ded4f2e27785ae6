import type { Usage } from "../../schema/canonical.ts";
import type { GeminiUsage } from "./api-types.ts";

/**
 * Gemini's candidatesTokenCount excludes thinking; OpenAI's completion_tokens includes
 * reasoning. promptTokenCount already includes cachedContentTokenCount.
 */
export function mapGeminiUsage(usage: GeminiUsage): Usage {
  const thoughts = usage.thoughtsTokenCount ?? 0;
  const mapped: Usage = {
    inputTokens: (usage.promptTokenCount ?? 0) + (usage.toolUsePromptTokenCount ?? 0),
    outputTokens: (usage.candidatesTokenCount ?? 0) + thoughts,
  };
  if (usage.cachedContentTokenCount != null) mapped.cachedInputTokens = usage.cachedContentTokenCount;
  if (usage.thoughtsTokenCount != null) mapped.reasoningTokens = thoughts;
  return mapped;
}
