// Per-key strong-share monitoring: the selector-side defence against router gaming
// (docs/gaming.md). Whatever a prompt does to the scorer, a key (or tenant) whose share of
// top-tier decisions suddenly rises well above its own baseline is flagged, and while flagged
// its top-tier share is capped near that baseline. Visible, never silent: the request carries
// x-router-strong-share, and a capped one x-router-tier-capped "...;by=monitor".
//
// Pure functions over a small state (three running shares and a count); where the state lives
// is the caller's choice (StrongShareStore: per isolate, or a Durable Object per key).
//   fast      EWMA of "decided complex" over the last ~FAST requests (what the key does now)
//   baseline  EWMA over the last ~SLOW requests, starting from a weak prior (what the key
//             normally does); it learns 32x slower while the key is flagged, so an attack cannot
//             quickly become the new normal (over tens of thousands of requests it can: the flag
//             is visible all along, and a policy ceiling is the hard limit)
//   served    EWMA of "served complex": admission keeps it at or below baseline + allowance
// Flagged when fast - baseline > allowance + z * sd, sd the binomial noise of a FAST-request
// window at the baseline share (normal traffic rarely trips it), after minObservations.
import { TIERS, tierRank, type Tier } from "../schema/canonical";

export interface StrongShareConfig {
  /** Effective window (requests) of the "now" share. */
  fastWindow: number;
  /** Effective window (requests) of the baseline. */
  slowWindow: number;
  /** Baseline of a key without history, and its weight in requests. */
  prior: number;
  priorWeight: number;
  /** Drift (absolute share) a key may show before it is flagged, beyond noise; also the cap's headroom. */
  allowance: number;
  /** Noise margin in standard deviations. */
  z: number;
  /** No flag before this many requests. */
  minObservations: number;
  /** Optional hard ceiling on the served top-tier share (a key policy may set it). */
  ceiling?: number | undefined;
}

export const DEFAULT_STRONG_SHARE: StrongShareConfig = {
  fastWindow: 400,
  slowWindow: 2000,
  // ~ the fitted upper boundary's training share of complex decisions (tools/train/tier-defaults.ts).
  prior: 0.25,
  priorWeight: 50,
  allowance: 0.03,
  z: 2,
  minObservations: 200,
};

/** How much slower the baseline learns while the key is flagged. */
const FLAGGED_LEARNING = 1 / 32;

export interface StrongShareState {
  n: number;
  fast: number;
  baseline: number;
  served: number;
  flagged: boolean;
}

export function initialState(config: StrongShareConfig = DEFAULT_STRONG_SHARE): StrongShareState {
  return { n: 0, fast: config.prior, baseline: config.prior, served: config.prior, flagged: false };
}

export interface StrongShareVerdict {
  flagged: boolean;
  /** Top-tier decisions may be served at the top tier (false: cap one tier down). */
  admitTop: boolean;
  drift: number;
  /** The served share the cap holds the key to. */
  limit: number;
}

/** Noise-aware drift test; the admission limit while flagged or above a ceiling. */
export function assess(state: StrongShareState, config: StrongShareConfig = DEFAULT_STRONG_SHARE): StrongShareVerdict {
  const drift = state.fast - state.baseline;
  const b = Math.min(Math.max(state.baseline, 0.01), 0.99);
  const noise = config.z * Math.sqrt((b * (1 - b)) / config.fastWindow);
  const flagged = state.n >= config.minObservations && drift > config.allowance + noise;
  let limit = flagged ? state.baseline + config.allowance : 1;
  if (config.ceiling !== undefined) limit = Math.min(limit, config.ceiling);
  // limit 1 means no cap: a served share of exactly 1 (e.g. a new key whose first request was
  // top tier, the running mean at n = 1) must not cap the next one.
  return { flagged, admitTop: limit >= 1 || state.served < limit, drift, limit };
}

/** The state after one routed request: was the decision top tier, was it served there. */
export function observe(
  state: StrongShareState,
  decidedTop: boolean,
  servedTop: boolean,
  config: StrongShareConfig = DEFAULT_STRONG_SHARE,
): StrongShareState {
  const n = state.n + 1;
  // Running means until the windows are full (the prior counts as priorWeight requests), then EWMAs.
  const fastRate = 1 / Math.min(n, config.fastWindow);
  const slowRate = (1 / Math.min(n + config.priorWeight, config.slowWindow)) * (state.flagged ? FLAGGED_LEARNING : 1);
  const d = decidedTop ? 1 : 0;
  const next = {
    n,
    fast: state.fast + fastRate * (d - state.fast),
    baseline: state.baseline + slowRate * (d - state.baseline),
    served: state.served + fastRate * ((servedTop ? 1 : 0) - state.served),
    flagged: state.flagged,
  };
  next.flagged = assess(next, config).flagged;
  return next;
}

/** The tier cap the selector applies for this verdict (undefined: none). */
export function monitorCap(verdict: StrongShareVerdict): Tier | undefined {
  return verdict.admitTop ? undefined : TIERS[TIERS.length - 2];
}

/** x-router-strong-share: the key's current and baseline top-tier share, and the flag. */
export function strongShareHeader(state: StrongShareState, verdict: StrongShareVerdict): string {
  const parts = [`now=${state.fast.toFixed(3)}`, `baseline=${state.baseline.toFixed(3)}`];
  if (verdict.flagged) parts.push("flagged", `limit=${verdict.limit.toFixed(3)}`);
  return parts.join(";");
}

export const isTop = (tier: Tier) => tierRank(tier) === TIERS.length - 1;
