// The small differences between OpenAI-compatible APIs, as data. Each provider folder
// fills one of these in; the shared base reads it and never asks which provider it is.
import type { Usage } from "../../schema/canonical.ts";
import type { ProviderCapabilities, ProviderEndpoint } from "../types.ts";

export type OptionalParam =
  "seed" | "user" | "presence_penalty" | "frequency_penalty" | "parallel_tool_calls" | "reasoning_effort";

/**
 * OpenAI fields beyond the common set. A dialect lists those its API takes; the others are dropped
 * (and named in x-router-dropped-params), except the output constraints logprobs and
 * web_search_options, which are refused: the selector only routes them to models declaring them.
 */
export type ExtraParam =
  | "prompt_cache_key"
  | "prompt_cache_retention"
  | "safety_identifier"
  | "verbosity"
  | "prediction"
  | "logit_bias"
  | "logprobs"
  | "web_search_options"
  | "top_k";

export interface OpenAIDialect {
  /** Display name used in error messages. */
  name: string;
  capabilities: ProviderCapabilities;
  /** Path appended to the base URL (default /chat/completions). */
  chatPath?: string;
  /** OpenAI's current name is max_completion_tokens; most compatible servers take max_tokens. */
  maxTokensField?: "max_completion_tokens" | "max_tokens";
  /** Whether the server accepts stream_options.include_usage (else it sends usage unasked, or never). */
  streamOptions?: boolean;
  /** Parameters the API lacks but whose absence does not change the answer: left out. */
  omit?: readonly OptionalParam[];
  /** Parameters the API lacks and whose absence would change the answer: refused with a 400. */
  refuse?: readonly OptionalParam[];
  /** Extra OpenAI fields the API takes (default: none). */
  accepts?: readonly ExtraParam[];
  /** Accepted fields that only reasoning models take (OpenAI's verbosity) or only other models take. */
  reasoningModelsOnly?: readonly ExtraParam[];
  otherModelsOnly?: readonly ExtraParam[];
  /** Renamed fields (Mistral's random_seed). */
  rename?: Partial<Record<OptionalParam, string>>;
  /** The spelling of tool_choice "required" (Mistral: "any"). */
  toolChoiceRequired?: string;
  /** Extra headers (OpenRouter's attribution headers), from the endpoint's options. */
  headers?: (endpoint: ProviderEndpoint) => Record<string, string>;
  /** Usage fields outside the OpenAI shape (DeepSeek's prompt_cache_hit_tokens). */
  extraUsage?: (usage: Record<string, unknown>) => Partial<Usage>;
}
