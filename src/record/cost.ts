// Actual cost of an answer from the usage the provider returned.
import type { CatalogModel } from "../pricing/catalog-schema";
import type { Usage } from "../schema/canonical";

export function actualCostUsd(model: CatalogModel, usage: Usage): number {
  const cached = Math.min(usage.cachedInputTokens ?? 0, usage.inputTokens);
  const cachedPrice = model.pricing.cachedInput ?? model.pricing.input;
  return (
    ((usage.inputTokens - cached) * model.pricing.input +
      cached * cachedPrice +
      usage.outputTokens * model.pricing.output) /
    1_000_000
  );
}

/** USD amounts in headers: fixed precision, no exponent notation. */
export const formatUsd = (usd: number): string => usd.toFixed(8);
