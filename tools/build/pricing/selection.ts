// The bundled default catalog's model list: which models, and the judgement the price
// database cannot give (tier served well, capabilities, max output, latency priors).
// Prices and context windows come from @pydantic/genai-prices via `npm run pricing:sync`.
//
// Tier rationale (judgement; revisit when models change):
// - simple: small/cheap models (nano, "luna", flash-lite, 8B-20B open models). Good at short factual
//   answers, rewriting, translation, extraction and classification; unreliable on multi-step reasoning.
// - moderate: mid-size models (mini, Flash, Haiku, 70B-120B open models, Mistral Medium/Large,
//   DeepSeek V4 Flash). Good at everyday coding, summarising long text, tool use, most chat.
// - complex: frontier models (GPT-6 Sol, Claude Sonnet 5 / Opus 5.5, Gemini 3.1 Pro, DeepSeek
//   reasoner / V4 Pro). Proofs, hard code, long-horizon agentic work.
// A model is placed at the highest tier it serves *well*, not the highest it can attempt: the router
// already escalates uncertain prompts one tier up, so an optimistic tier would be paid twice.
// Latency priors are rough typical figures (TTFT ms, output tokens/s) for the provider's public API;
// observed calls replace them within a few requests (EWMA), so they only need the right order of magnitude.
import type { Capability } from "../../../src/schema/router-options.ts";
import type { ProviderId } from "../../../src/providers/provider-ids.ts";
import type { Tier } from "../../../src/schema/canonical.ts";

export interface SelectedModel {
  provider: ProviderId;
  /** The id the provider's API expects. */
  upstreamModel: string;
  /** genai-prices provider id and model id holding the price. */
  priceFrom: { provider: string; model: string };
  maxTier: Tier;
  capabilities: Capability[];
  maxOutputTokens: number;
  /** Used when the price database has no context window for the model. */
  contextWindow?: number;
  latency: { ttftMs: number; tokensPerSecond: number };
}

const ALL: Capability[] = ["tools", "vision", "json", "streaming", "reasoning"];
const TEXT_TOOLS: Capability[] = ["tools", "json", "streaming"];
const TEXT_REASONING: Capability[] = ["tools", "json", "streaming", "reasoning"];
const VISION_TOOLS: Capability[] = ["tools", "vision", "json", "streaming"];

// "logprobs": the API returns token log probabilities for this model (OpenAI's non-reasoning
// models, DeepSeek's chat model, Fireworks' serverless models); a request with `logprobs` is routed
// only to these. "web_search" is declared by no bundled model.

const gp = (provider: string, model: string) => ({ provider, model });

export const BASELINE_MODEL = "openai/gpt-6-sol";

export const SELECTION: SelectedModel[] = [
  // OpenAI. The simple tier uses non-reasoning models on purpose: reasoning models (gpt-5-nano,
  // gpt-5-mini) bill hidden reasoning tokens as output and start slower, so their list price
  // understates what a one-line answer costs.
  {
    provider: "openai",
    upstreamModel: "gpt-4.1-nano",
    priceFrom: gp("openai", "gpt-4.1-nano"),
    maxTier: "simple",
    capabilities: [...VISION_TOOLS, "logprobs"],
    maxOutputTokens: 32_768,
    latency: { ttftMs: 350, tokensPerSecond: 150 },
  },
  {
    provider: "openai",
    upstreamModel: "gpt-6-luna",
    priceFrom: gp("openai", "gpt-6-luna"),
    maxTier: "simple",
    capabilities: ALL,
    maxOutputTokens: 128_000,
    latency: { ttftMs: 500, tokensPerSecond: 180 },
  },
  {
    provider: "openai",
    upstreamModel: "gpt-4.1-mini",
    priceFrom: gp("openai", "gpt-4.1-mini"),
    maxTier: "moderate",
    capabilities: [...VISION_TOOLS, "logprobs"],
    maxOutputTokens: 32_768,
    latency: { ttftMs: 450, tokensPerSecond: 100 },
  },
  {
    provider: "openai",
    upstreamModel: "gpt-5-mini",
    priceFrom: gp("openai", "gpt-5-mini"),
    maxTier: "moderate",
    capabilities: ALL,
    maxOutputTokens: 128_000,
    latency: { ttftMs: 900, tokensPerSecond: 120 },
  },
  {
    provider: "openai",
    upstreamModel: "gpt-4.1",
    priceFrom: gp("openai", "gpt-4.1"),
    maxTier: "complex",
    capabilities: [...VISION_TOOLS, "logprobs"],
    maxOutputTokens: 32_768,
    latency: { ttftMs: 600, tokensPerSecond: 80 },
  },
  {
    provider: "openai",
    upstreamModel: "gpt-6-sol",
    priceFrom: gp("openai", "gpt-6-sol"),
    maxTier: "complex",
    capabilities: ALL,
    maxOutputTokens: 128_000,
    latency: { ttftMs: 1200, tokensPerSecond: 90 },
  },
  // Anthropic
  {
    provider: "anthropic",
    upstreamModel: "claude-haiku-4-5",
    priceFrom: gp("anthropic", "claude-haiku-4-5"),
    maxTier: "moderate",
    capabilities: ALL,
    maxOutputTokens: 64_000,
    latency: { ttftMs: 600, tokensPerSecond: 120 },
  },
  {
    provider: "anthropic",
    upstreamModel: "claude-sonnet-5",
    priceFrom: gp("anthropic", "claude-sonnet-5"),
    maxTier: "complex",
    capabilities: ALL,
    maxOutputTokens: 64_000,
    latency: { ttftMs: 1000, tokensPerSecond: 70 },
  },
  {
    provider: "anthropic",
    upstreamModel: "claude-opus-5-5",
    priceFrom: gp("anthropic", "claude-opus-5-5"),
    maxTier: "complex",
    capabilities: ALL,
    maxOutputTokens: 64_000,
    latency: { ttftMs: 1500, tokensPerSecond: 50 },
  },
  // Google (Gemini API)
  {
    provider: "google",
    upstreamModel: "gemini-3.1-flash-lite",
    priceFrom: gp("google", "gemini-3.1-flash-lite"),
    maxTier: "simple",
    capabilities: ALL,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 400, tokensPerSecond: 250 },
  },
  {
    provider: "google",
    upstreamModel: "gemini-3.8-flash",
    priceFrom: gp("google", "gemini-3.8-flash"),
    maxTier: "moderate",
    capabilities: ALL,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 700, tokensPerSecond: 200 },
  },
  {
    provider: "google",
    upstreamModel: "gemini-3.1-pro-preview",
    priceFrom: gp("google", "gemini-3.1-pro-preview"),
    maxTier: "complex",
    capabilities: ALL,
    maxOutputTokens: 65_536,
    contextWindow: 1_048_576,
    latency: { ttftMs: 2000, tokensPerSecond: 90 },
  },
  // Groq
  {
    provider: "groq",
    upstreamModel: "llama-3.1-8b-instant",
    priceFrom: gp("groq", "llama-3.1-8b-instant"),
    maxTier: "simple",
    capabilities: TEXT_TOOLS,
    maxOutputTokens: 8_192,
    contextWindow: 131_072,
    latency: { ttftMs: 150, tokensPerSecond: 800 },
  },
  {
    provider: "groq",
    upstreamModel: "openai/gpt-oss-20b",
    priceFrom: gp("groq", "openai/gpt-oss-20b"),
    maxTier: "simple",
    capabilities: TEXT_REASONING,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 200, tokensPerSecond: 1000 },
  },
  {
    provider: "groq",
    upstreamModel: "openai/gpt-oss-120b",
    priceFrom: gp("groq", "openai/gpt-oss-120b"),
    maxTier: "moderate",
    capabilities: TEXT_REASONING,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 250, tokensPerSecond: 500 },
  },
  {
    provider: "groq",
    upstreamModel: "moonshotai/kimi-k2-instruct",
    priceFrom: gp("groq", "moonshotai/kimi-k2-instruct"),
    maxTier: "moderate",
    capabilities: TEXT_TOOLS,
    maxOutputTokens: 16_384,
    latency: { ttftMs: 300, tokensPerSecond: 300 },
  },
  // Together AI
  {
    provider: "together",
    upstreamModel: "meta-llama/Llama-4-Scout-17B-16E-Instruct",
    priceFrom: gp("together", "meta-llama/Llama-4-Scout-17B-16E-Instruct"),
    maxTier: "simple",
    capabilities: VISION_TOOLS,
    maxOutputTokens: 8_192,
    contextWindow: 131_072,
    latency: { ttftMs: 400, tokensPerSecond: 150 },
  },
  {
    provider: "together",
    upstreamModel: "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8",
    priceFrom: gp("together", "meta-llama/Llama-4-Maverick-17B-128E-Instruct-FP8"),
    maxTier: "moderate",
    capabilities: VISION_TOOLS,
    maxOutputTokens: 8_192,
    contextWindow: 131_072,
    latency: { ttftMs: 450, tokensPerSecond: 120 },
  },
  {
    provider: "together",
    upstreamModel: "meta-llama/Llama-3.3-70B-Instruct-Turbo",
    priceFrom: gp("together", "meta-llama/Llama-3.3-70B-Instruct-Turbo"),
    maxTier: "moderate",
    capabilities: TEXT_TOOLS,
    maxOutputTokens: 8_192,
    contextWindow: 131_072,
    latency: { ttftMs: 450, tokensPerSecond: 120 },
  },
  // Fireworks
  {
    provider: "fireworks",
    upstreamModel: "accounts/fireworks/models/gpt-oss-20b",
    priceFrom: gp("fireworks", "gpt-oss-20b"),
    maxTier: "simple",
    capabilities: [...TEXT_REASONING, "logprobs"],
    maxOutputTokens: 32_768,
    latency: { ttftMs: 300, tokensPerSecond: 300 },
  },
  {
    provider: "fireworks",
    upstreamModel: "accounts/fireworks/models/gpt-oss-120b",
    priceFrom: gp("fireworks", "gpt-oss-120b"),
    maxTier: "moderate",
    capabilities: [...TEXT_REASONING, "logprobs"],
    maxOutputTokens: 32_768,
    latency: { ttftMs: 350, tokensPerSecond: 250 },
  },
  {
    provider: "fireworks",
    upstreamModel: "accounts/fireworks/models/deepseek-v4-pro",
    priceFrom: gp("fireworks", "deepseek-v4-pro"),
    maxTier: "complex",
    capabilities: [...TEXT_REASONING, "logprobs"],
    maxOutputTokens: 32_768,
    latency: { ttftMs: 800, tokensPerSecond: 80 },
  },
  // Mistral
  {
    provider: "mistral",
    upstreamModel: "ministral-8b-2512",
    priceFrom: gp("mistral", "ministral-8b-2512"),
    maxTier: "simple",
    capabilities: TEXT_TOOLS,
    maxOutputTokens: 32_768,
    latency: { ttftMs: 300, tokensPerSecond: 200 },
  },
  {
    provider: "mistral",
    upstreamModel: "mistral-small-2603",
    priceFrom: gp("mistral", "mistral-small-2603"),
    maxTier: "simple",
    capabilities: VISION_TOOLS,
    maxOutputTokens: 32_768,
    latency: { ttftMs: 350, tokensPerSecond: 150 },
  },
  {
    provider: "mistral",
    upstreamModel: "mistral-large-2512",
    priceFrom: gp("mistral", "mistral-large-2512"),
    maxTier: "moderate",
    capabilities: VISION_TOOLS,
    maxOutputTokens: 32_768,
    latency: { ttftMs: 500, tokensPerSecond: 90 },
  },
  {
    provider: "mistral",
    upstreamModel: "mistral-medium-3.5",
    priceFrom: gp("mistral", "mistral-medium-3-5"),
    maxTier: "moderate",
    capabilities: VISION_TOOLS,
    maxOutputTokens: 32_768,
    latency: { ttftMs: 500, tokensPerSecond: 100 },
  },
  // DeepSeek
  {
    provider: "deepseek",
    upstreamModel: "deepseek-chat",
    priceFrom: gp("deepseek", "deepseek-chat"),
    maxTier: "moderate",
    capabilities: [...TEXT_TOOLS, "logprobs"],
    maxOutputTokens: 8_192,
    latency: { ttftMs: 1200, tokensPerSecond: 40 },
  },
  {
    provider: "deepseek",
    upstreamModel: "deepseek-v4-flash",
    priceFrom: gp("deepseek", "deepseek-v4-flash"),
    maxTier: "moderate",
    capabilities: TEXT_REASONING,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 1000, tokensPerSecond: 60 },
  },
  {
    provider: "deepseek",
    upstreamModel: "deepseek-reasoner",
    priceFrom: gp("deepseek", "deepseek-reasoner"),
    maxTier: "complex",
    capabilities: TEXT_REASONING,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 3000, tokensPerSecond: 40 },
  },
  {
    provider: "deepseek",
    upstreamModel: "deepseek-v4-pro",
    priceFrom: gp("deepseek", "deepseek-v4-pro"),
    maxTier: "complex",
    capabilities: TEXT_REASONING,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 2000, tokensPerSecond: 40 },
  },
  // OpenRouter (one key, many upstreams)
  {
    provider: "openrouter",
    upstreamModel: "google/gemini-3.1-flash-lite",
    priceFrom: gp("openrouter", "google/gemini-3.1-flash-lite"),
    maxTier: "simple",
    capabilities: ALL,
    maxOutputTokens: 65_536,
    latency: { ttftMs: 600, tokensPerSecond: 200 },
  },
  {
    provider: "openrouter",
    upstreamModel: "meta-llama/llama-3.3-70b-instruct",
    priceFrom: gp("openrouter", "meta-llama/llama-3.3-70b-instruct"),
    maxTier: "moderate",
    capabilities: TEXT_TOOLS,
    maxOutputTokens: 16_384,
    contextWindow: 131_072,
    latency: { ttftMs: 700, tokensPerSecond: 100 },
  },
  {
    provider: "openrouter",
    upstreamModel: "openai/gpt-5-mini",
    priceFrom: gp("openrouter", "openai/gpt-5-mini"),
    maxTier: "moderate",
    capabilities: ALL,
    maxOutputTokens: 128_000,
    latency: { ttftMs: 1100, tokensPerSecond: 110 },
  },
  {
    provider: "openrouter",
    upstreamModel: "anthropic/claude-sonnet-5",
    priceFrom: gp("openrouter", "anthropic/claude-sonnet-5"),
    maxTier: "complex",
    capabilities: ALL,
    maxOutputTokens: 64_000,
    latency: { ttftMs: 1200, tokensPerSecond: 65 },
  },
  // Cloudflare Workers AI
  {
    provider: "workers-ai",
    upstreamModel: "@cf/meta/llama-3.1-8b-instruct-fp8-fast",
    priceFrom: gp("cloudflare", "@cf/meta/llama-3.1-8b-instruct-fp8-fast"),
    maxTier: "simple",
    capabilities: ["json", "streaming"],
    maxOutputTokens: 4_096,
    contextWindow: 32_000,
    latency: { ttftMs: 250, tokensPerSecond: 120 },
  },
  {
    provider: "workers-ai",
    upstreamModel: "@cf/zai-org/glm-4.7-flash",
    priceFrom: gp("cloudflare", "@cf/zai-org/glm-4.7-flash"),
    maxTier: "simple",
    capabilities: TEXT_TOOLS,
    maxOutputTokens: 8_192,
    latency: { ttftMs: 300, tokensPerSecond: 100 },
  },
  {
    provider: "workers-ai",
    upstreamModel: "@cf/openai/gpt-oss-120b",
    priceFrom: gp("cloudflare", "@cf/openai/gpt-oss-120b"),
    maxTier: "moderate",
    capabilities: TEXT_REASONING,
    maxOutputTokens: 16_384,
    latency: { ttftMs: 500, tokensPerSecond: 80 },
  },
];
