// Per-model latency estimates from observed calls: exponentially weighted moving averages of
// time to first token and output speed, starting from the catalog's hints. Isolate-local: each
// isolate learns from the traffic it serves, which is also the network path it will use.
import type { LatencyHint } from "../pricing/catalog-schema.ts";
import { UNKNOWN_LATENCY } from "../select/latency-estimate.ts";

/** Weight of a new observation. 0.2 ≈ the last ~10 calls dominate. */
export const EWMA_ALPHA = 0.2;
/** Output speed is only measured on answers at least this long (short ones are noise). */
const MIN_TOKENS_FOR_SPEED = 16;

export interface LatencyObservation {
  model: string;
  /** Catalog prior for the model (the starting point of its averages). */
  prior: LatencyHint | undefined;
  /** Streaming: ms from dispatch to the first content part. */
  ttftMs?: number | undefined;
  /** Streaming: ms from the first content part to the end. */
  generationMs?: number | undefined;
  /** Non-streaming: ms from dispatch to the full answer. */
  totalMs?: number | undefined;
  outputTokens?: number | undefined;
}

const clamp = (value: number, low: number, high: number) => Math.min(high, Math.max(low, value));
const ewma = (current: number, sample: number) => current + EWMA_ALPHA * (sample - current);

export class LatencyTracker {
  readonly estimates = new Map<string, LatencyHint>();

  observe(observation: LatencyObservation): void {
    const current = this.estimates.get(observation.model) ?? observation.prior ?? UNKNOWN_LATENCY;
    let { ttftMs, tokensPerSecond } = current;
    const tokens = observation.outputTokens ?? 0;
    if (observation.generationMs !== undefined && observation.generationMs > 0 && tokens >= MIN_TOKENS_FOR_SPEED) {
      tokensPerSecond = ewma(tokensPerSecond, clamp(tokens / (observation.generationMs / 1000), 1, 20_000));
    }
    if (observation.ttftMs !== undefined) {
      ttftMs = ewma(ttftMs, clamp(observation.ttftMs, 1, 300_000));
    } else if (observation.totalMs !== undefined) {
      // Without a first-token time, attribute to TTFT what the current speed does not explain.
      const generation = (tokens / tokensPerSecond) * 1000;
      ttftMs = ewma(ttftMs, clamp(observation.totalMs - generation, 1, 300_000));
    }
    this.estimates.set(observation.model, { ttftMs, tokensPerSecond });
  }
}

/** The isolate's tracker: fed by observeLatency, read by the selector. */
export const latencyTracker = new LatencyTracker();

export function observeLatency(observation: LatencyObservation): void {
  latencyTracker.observe(observation);
}
