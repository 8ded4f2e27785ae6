// Per-key strong-share monitoring: the selector-side defence against router gaming
// (docs/gaming.md). Whatever a prompt does to the scorer, a key whose share of top-tier decisions
// rises well above its baseline is flagged, and while flagged its top-tier share is capped near that
// baseline. Visible, never silent: the request carries x-router-strong-share, and a capped one
// x-router-tier-capped "...;by=monitor".
//
// Pure functions over a small state; where it lives is the caller's choice (StrongShareStore: the
// monitored key's Durable Object, so it survives isolates, usage/strong-share-store.ts). Two
// kinds of monitored party:
//   a client key   starts from a baseline it did not make: its policy's stated one, else the
//                  deployment's current baseline (below) — never its own first requests, so a key
//                  that games the router from its very first request has no clean warm-up to hide
//                  behind; it is judged from its first minObservations requests on
//   the deployment (the policy, which all keys' traffic feeds) learns its own baseline: the prior
//                  until its first fastWindow decisions replace it, judged only after that
// In both, the baseline then learns from the decisions that have LEFT the fast window (an EWMA of
// ~SLOW requests; the prior counts as priorWeight of them), 32x slower while flagged, so an attack
// cannot quickly become the new normal (over tens of thousands of requests it can: the flag is
// visible all along, and a policy ceiling is the hard limit).
//   fast      the share of "decided complex" over the last FAST requests (all of them while fewer)
//   served    EWMA of "served complex": admission keeps it at or below baseline + allowance
// Flagged when fast - baseline > allowance + z * sd, sd the binomial noise of that difference at the
// baseline share over the requests in the window. The price for keys: one whose genuine share is
// well above the deployment's is capped like a gaming one until its policy states its baseline.
import { TIER_BELOW_TOP, TOP_TIER, type Tier } from "../schema/canonical.ts";

export interface StrongShareConfig {
  /** Window (requests) of the "now" share. */
  fastWindow: number;
  /** Effective window (requests) of the baseline. */
  slowWindow: number;
  /** Baseline of a key without history (the tenant's or deployment's), and how many decisions it counts as. */
  prior: number;
  priorWeight: number;
  /** Drift (absolute share) a key may show before it is flagged, beyond noise; also the cap's headroom. */
  allowance: number;
  /** Noise margin in standard deviations. */
  z: number;
  /** No flag before this many decisions (the noise term shrinks as they add up); learning its own baseline, of its own learnt ones. */
  minObservations: number;
  /** The deployment: its first fastWindow decisions become its baseline, and only then is it judged. */
  ownBaseline?: boolean;
  /** Optional hard ceiling on the served top-tier share (a key policy may set it). */
  ceiling?: number | undefined;
}

// Window and allowance chosen so that a sustained shift of any size is held to <= 5 pp of served
// top-tier share (simulated in strong-share-monitor.test.ts). Memory: fastWindow / 8 bytes per key.
export const DEFAULT_STRONG_SHARE: StrongShareConfig = {
  fastWindow: 1000,
  slowWindow: 10_000,
  // ~ the fitted upper boundary's training share of complex decisions (tools/build/train/tier-defaults.ts);
  // a key's own prior is the deployment's baseline (strong-share-guard.ts).
  prior: 0.25,
  priorWeight: 1000,
  allowance: 0.015,
  z: 2,
  minObservations: 30,
};

/** The deployment as a whole: learns its own baseline from its first window (the old per-key rule). */
export const DEPLOYMENT_STRONG_SHARE: StrongShareConfig = {
  ...DEFAULT_STRONG_SHARE,
  priorWeight: 50,
  minObservations: 200,
  ownBaseline: true,
};

/** How much slower the baseline learns while the key is flagged. */
const FLAGGED_LEARNING = 1 / 32;

export interface StrongShareState {
  n: number;
  /** Top-tier share of the last `fastWindow` decisions (of all of them while fewer). */
  fast: number;
  baseline: number;
  /** The key's own decisions the baseline has learnt from (those that left the window). */
  learnt: number;
  served: number;
  flagged: boolean;
  /** The last `fastWindow` decisions, one bit each, oldest at `next` once full. */
  window: Uint8Array;
  next: number;
  /** Top-tier decisions in the window. */
  topInWindow: number;
}

export function initialState(config: StrongShareConfig = DEFAULT_STRONG_SHARE): StrongShareState {
  return {
    n: 0,
    fast: config.prior,
    baseline: config.prior,
    learnt: 0,
    served: config.prior,
    flagged: false,
    window: new Uint8Array(Math.ceil(config.fastWindow / 8)),
    next: 0,
    topInWindow: 0,
  };
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
  const baselineWeight = Math.min(state.learnt + config.priorWeight, config.slowWindow);
  const seen = Math.max(1, Math.min(state.n, config.fastWindow));
  const noise = config.z * Math.sqrt(b * (1 - b) * (1 / seen + 1 / baselineWeight));
  const judged = config.ownBaseline
    ? state.n >= config.fastWindow && state.learnt >= config.minObservations
    : state.n >= config.minObservations;
  const flagged = judged && drift > config.allowance + noise;
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
  const window = state.window.slice();
  const byte = state.next >> 3;
  const bit = 1 << (state.next & 7);
  let { baseline, learnt, topInWindow } = state;
  if (config.ownBaseline && state.n === config.fastWindow) {
    // The deployment's window has just filled: its own first decisions replace the prior.
    baseline = state.fast;
    learnt = config.fastWindow;
  }
  if (state.n >= config.fastWindow) {
    // The oldest decision leaves the window and becomes history (running mean until the slow
    // window is full, then an EWMA).
    const old = window[byte]! & bit ? 1 : 0;
    learnt++;
    const rate =
      (1 / Math.min(learnt + config.priorWeight, config.slowWindow)) * (state.flagged ? FLAGGED_LEARNING : 1);
    baseline += rate * (old - baseline);
    topInWindow -= old;
  }
  if (decidedTop) window[byte]! |= bit;
  else window[byte]! &= ~bit;
  topInWindow += decidedTop ? 1 : 0;
  const servedRate = 1 / Math.min(n, config.fastWindow);
  const next: StrongShareState = {
    n,
    fast: topInWindow / Math.min(n, config.fastWindow),
    baseline,
    learnt,
    served: state.served + servedRate * ((servedTop ? 1 : 0) - state.served),
    flagged: state.flagged,
    window,
    next: (state.next + 1) % config.fastWindow,
    topInWindow,
  };
  next.flagged = assess(next, config).flagged;
  return next;
}

/** The tier cap the selector applies for this verdict (undefined: none). */
export function monitorCap(verdict: StrongShareVerdict): Tier | undefined {
  return verdict.admitTop ? undefined : TIER_BELOW_TOP;
}

/** x-router-strong-share: the key's current and baseline top-tier share, and the flag. */
export function strongShareHeader(state: StrongShareState, verdict: StrongShareVerdict): string {
  const parts = [`now=${state.fast.toFixed(3)}`, `baseline=${state.baseline.toFixed(3)}`];
  if (verdict.flagged) parts.push("flagged", `limit=${verdict.limit.toFixed(3)}`);
  return parts.join(";");
}

export const isTop = (tier: Tier) => tier === TOP_TIER;
