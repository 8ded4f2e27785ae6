// Actual cost of an answer from the usage the provider returned.
import type { CatalogModel } from "../pricing/catalog-schema";
import type { Usage } from "../schema/canonical";
import { costUsd } from "../select/expected-cost";

export function actualCostUsd(model: CatalogModel, usage: Usage): number {
  return costUsd(model.pricing, usage.inputTokens, usage.outputTokens, usage.cachedInputTokens ?? 0);
}

/** USD amounts in headers: fixed precision, no exponent notation. */
export const formatUsd = (usd: number): string => usd.toFixed(8);
