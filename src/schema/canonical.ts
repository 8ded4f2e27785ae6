// Canonical internal types. Requests are translated into these at the edge and
// providers translate out of them in their adapters; nothing in between knows a
// provider's wire format.
import type { RouterError } from "../errors.ts";

export const TIERS = ["simple", "moderate", "complex"] as const;
export type Tier = (typeof TIERS)[number];
export const tierRank = (tier: Tier): number => TIERS.indexOf(tier);
/** The strongest tier, and the one below it (where exploration and the gaming monitor serve). */
export const TOP_TIER: Tier = TIERS[TIERS.length - 1]!;
export const TIER_BELOW_TOP: Tier = TIERS[TIERS.length - 2]!;

export interface TextPart {
  type: "text";
  text: string;
}
export interface ImagePart {
  type: "image";
  /** https URL or data: URL, as the client sent it. */
  url: string;
  detail?: "auto" | "low" | "high";
}
export type UserContentPart = TextPart | ImagePart;

export interface ToolCall {
  id: string;
  name: string;
  /** JSON text, exactly as the model produced it. */
  arguments: string;
}

/**
 * A model's reasoning from an earlier turn, as a client sent it back: the text (or summary) and the
 * provider's opaque proof of it (Anthropic's thinking signature or redacted data, OpenAI's
 * encrypted_content). Only the provider that produced it can use it; others ignore it.
 */
export interface ReasoningItem {
  text: string;
  signature?: string;
  /** Anthropic redacted_thinking data (no readable text). */
  redacted?: string;
}

export type CanonicalMessage =
  | { role: "system"; content: string }
  | { role: "user"; content: UserContentPart[]; name?: string }
  | {
      role: "assistant";
      content: string | null;
      toolCalls: ToolCall[];
      name?: string;
      reasoning?: ReasoningItem[];
    }
  | { role: "tool"; toolCallId: string; content: string };

export interface ToolDefinition {
  name: string;
  description?: string;
  /** JSON Schema of the arguments. */
  parameters?: Record<string, unknown>;
  strict?: boolean;
}

export type ToolChoice = "auto" | "none" | "required" | { name: string };

export type ResponseFormat =
  | { type: "text" }
  | { type: "json_object" }
  | { type: "json_schema"; name: string; schema?: Record<string, unknown>; strict?: boolean; description?: string };

export interface CanonicalRequest {
  messages: CanonicalMessage[];
  stream: boolean;
  /** stream_options.include_usage: send a final usage chunk. */
  includeUsage: boolean;
  maxTokens?: number;
  temperature?: number;
  topP?: number;
  stop?: string[];
  seed?: number;
  user?: string;
  presencePenalty?: number;
  frequencyPenalty?: number;
  tools?: ToolDefinition[];
  toolChoice?: ToolChoice;
  parallelToolCalls?: boolean;
  responseFormat?: ResponseFormat;
  reasoningEffort?: ReasoningEffort;
  /** An explicit thinking budget in tokens (Anthropic Messages clients); wins over reasoningEffort. */
  thinkingBudget?: number;
  topK?: number;
  /** Prompt-cache hints (OpenAI names); providers without an equivalent drop them. */
  promptCacheKey?: string;
  promptCacheRetention?: string;
  safetyIdentifier?: string;
  verbosity?: "low" | "medium" | "high";
  /** Predicted output (OpenAI's `prediction`), passed as the client sent it. */
  prediction?: unknown;
  logitBias?: Record<string, number>;
  /** Token log probabilities must come back with the answer (a routing constraint). */
  logprobs?: { top: number };
  /** OpenAI's web_search_options, as the client sent it (a routing constraint). */
  webSearch?: Record<string, unknown>;
}

export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;
export type ReasoningEffort = (typeof REASONING_EFFORTS)[number];

export type FinishReason = "stop" | "length" | "tool_calls" | "content_filter";

export interface Usage {
  inputTokens: number;
  outputTokens: number;
  /** Input tokens read from a prompt cache (included in inputTokens). */
  cachedInputTokens?: number;
  /** Input tokens written to a prompt cache (included in inputTokens; Anthropic bills them higher). */
  cacheWriteInputTokens?: number;
  /** Reasoning tokens (included in outputTokens). */
  reasoningTokens?: number;
}

export interface CanonicalResponse {
  /** Upstream response id, when it has one. */
  id?: string;
  content: string | null;
  reasoning?: string;
  /** The provider's proof of the reasoning (Anthropic's signature), for clients that send it back. */
  reasoningSignature?: string;
  toolCalls: ToolCall[];
  /** OpenAI-shaped token log probabilities (choices[0].logprobs.content), when asked for. */
  logprobs?: unknown[];
  finishReason: FinishReason;
  usage?: Usage;
}

export type StreamPart =
  | { type: "text-delta"; text: string }
  | { type: "reasoning-delta"; text: string }
  | { type: "reasoning-signature"; signature: string }
  | { type: "logprobs"; content: unknown[] }
  | { type: "tool-call-delta"; index: number; id?: string; name?: string; argumentsDelta: string }
  | { type: "finish"; finishReason: FinishReason }
  | { type: "usage"; usage: Usage }
  | { type: "error"; error: RouterError };
