// Expected cost from catalog prices (USD per million tokens), and the actual cost of an answer from
// the usage the provider returned, reconciled the way providers bill: input tokens read from a prompt cache at the cached-input price, tokens written to it at the
// cache-write price (Anthropic), reasoning and tool-use tokens as the adapters count them (inside
// output and input: providers/*/map-usage.ts), long prompts at long-context prices.
import type { Usage } from "../schema/canonical.ts";
import type { CatalogModel, ModelPricing } from "./catalog-schema.ts";

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

export function actualCostUsd(model: CatalogModel, usage: Usage): number {
  const base = costUsd(model.pricing, usage.inputTokens, usage.outputTokens, usage.cachedInputTokens ?? 0);
  const written = Math.max(0, usage.cacheWriteInputTokens ?? 0);
  const writePrice = model.pricing.cacheWrite;
  if (written === 0 || writePrice === undefined) return base;
  // Written tokens are in inputTokens at the input price: bill the difference to the write price.
  const long = model.pricing.longContext;
  const inputPrice = long && usage.inputTokens > long.aboveInputTokens ? long.input : model.pricing.input;
  return base + (written * (writePrice - inputPrice)) / 1_000_000;
}

/** USD amounts in headers: fixed precision, no exponent notation. */
export const formatUsd = (usd: number): string => usd.toFixed(8);
