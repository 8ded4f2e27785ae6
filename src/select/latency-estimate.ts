// Latency estimate for a candidate: time to first token + predicted output at the model's speed.
import type { CatalogModel, LatencyHint } from "../pricing/catalog-schema.ts";

/** Used when neither observations nor the catalog say anything about a model. */
export const UNKNOWN_LATENCY: LatencyHint = { ttftMs: 1500, tokensPerSecond: 50 };

export function estimateLatencyMs(hint: LatencyHint, outputTokens: number): number {
  return hint.ttftMs + (outputTokens / hint.tokensPerSecond) * 1000;
}

/** Observed estimate (EWMA) first, then the catalog's prior, then a pessimistic default. */
export function latencyHintFor(model: CatalogModel, observed: ReadonlyMap<string, LatencyHint>): LatencyHint {
  return observed.get(model.id) ?? model.latency ?? UNKNOWN_LATENCY;
}
