// Expected and actual cost from catalog prices (USD per million tokens).
import type { ModelPricing } from "../pricing/catalog-schema.ts";

/**
 * Cost of `inputTokens` in and `outputTokens` out. `cachedInputTokens` of the input are billed at
 * the cached-input price (prompt-cache hits). Prompts above a long-context threshold use its prices.
 */
export function costUsd(pricing: ModelPricing, inputTokens: number, outputTokens: number, cachedInputTokens = 0) {
  const long = pricing.longContext;
  const prices = long && inputTokens > long.aboveInputTokens ? long : pricing;
  const cached = Math.max(0, Math.min(cachedInputTokens, inputTokens));
  const cachedPrice = prices.cachedInput ?? pricing.cachedInput ?? prices.input;
  return ((inputTokens - cached) * prices.input + cached * cachedPrice + outputTokens * prices.output) / 1_000_000;
}
