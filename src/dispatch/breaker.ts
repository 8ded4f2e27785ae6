// Circuit breakers, one per provider+model. Closed: requests flow. Open (after N consecutive
// failures, or a failure rate over a window with enough samples): the model is skipped until the
// cool-down ends; a 429's retry-after pauses it for exactly that long. Half-open: one probe request
// is let through; success closes the breaker, failure opens it again. Only provider-side failures
// are reported here (dispatch/attempt-loop.ts): a request the provider refuses as invalid says
// nothing about the provider, and one caller must not take a model away from the others.
import type { DispatchConfig } from "./config.ts";

export type BreakerState = "closed" | "open" | "half_open";

interface Entry {
  state: BreakerState;
  consecutiveFailures: number;
  /** Recent outcomes (time, ok) inside the window, oldest first. */
  recent: { at: number; ok: boolean }[];
  openUntil: number;
  probeStartedAt: number | undefined;
  opens: number;
  lastError: string | undefined;
}

export interface BreakerSnapshot {
  key: string;
  state: BreakerState;
  consecutive_failures: number;
  failure_rate: number;
  samples: number;
  opens: number;
  retry_in_ms: number;
  last_error: string | null;
}

const MAX_SAMPLES = 200;

export class CircuitBreakers {
  private readonly entries = new Map<string, Entry>();

  private readonly config: DispatchConfig["breaker"];

  constructor(config: DispatchConfig["breaker"]) {
    this.config = config;
  }

  private entry(key: string): Entry {
    let entry = this.entries.get(key);
    if (!entry) {
      entry = {
        state: "closed",
        consecutiveFailures: 0,
        recent: [],
        openUntil: 0,
        probeStartedAt: undefined,
        opens: 0,
        lastError: undefined,
      };
      this.entries.set(key, entry);
    }
    return entry;
  }

  /** Whether a request may go to this model now; in half-open, claims the single probe. */
  allow(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (!entry || entry.state === "closed") return true;
    if (entry.state === "open") {
      if (now < entry.openUntil) return false;
      entry.state = "half_open";
      entry.probeStartedAt = undefined;
    }
    // Half-open: one probe at a time (a probe that never reported back frees its slot after a cool-down).
    if (entry.probeStartedAt !== undefined && now - entry.probeStartedAt < this.config.cooldownMs) return false;
    entry.probeStartedAt = now;
    return true;
  }

  success(key: string, now: number): void {
    const entry = this.entry(key);
    this.record(entry, now, true);
    entry.consecutiveFailures = 0;
    if (entry.state !== "closed") {
      entry.state = "closed";
      entry.recent = [{ at: now, ok: true }];
      entry.probeStartedAt = undefined;
    }
  }

  /**
   * A failed attempt. With `pauseMs` (a 429's retry-after) the provider is rate limiting, not ill:
   * the model is paused for exactly that long, a half-open probe included, and nothing counts
   * towards opening it for a full cool-down.
   */
  failure(key: string, now: number, error: string, pauseMs?: number): void {
    const entry = this.entry(key);
    entry.lastError = error;
    if (pauseMs !== undefined && pauseMs > 0) {
      this.open(entry, now + pauseMs);
      return;
    }
    this.record(entry, now, false);
    entry.consecutiveFailures += 1;
    const inWindow = entry.recent;
    const failures = inWindow.filter((sample) => !sample.ok).length;
    const rateTripped =
      inWindow.length >= this.config.minRequests && failures / inWindow.length >= this.config.failureRate;
    if (entry.state === "half_open" || entry.consecutiveFailures >= this.config.failures || rateTripped) {
      this.open(entry, Math.max(entry.openUntil, now + this.config.cooldownMs));
    }
  }

  /** Closed and without a failure since its last success: a fallback here cannot feed a retry storm. */
  healthy(key: string): boolean {
    const entry = this.entries.get(key);
    return !entry || (entry.state === "closed" && entry.consecutiveFailures === 0);
  }

  private open(entry: Entry, until: number) {
    if (entry.state !== "open") entry.opens += 1;
    entry.state = "open";
    entry.probeStartedAt = undefined;
    entry.openUntil = until;
  }

  private record(entry: Entry, now: number, ok: boolean) {
    entry.recent.push({ at: now, ok });
    const horizon = now - this.config.windowMs;
    while (entry.recent.length > MAX_SAMPLES || (entry.recent[0] && entry.recent[0].at < horizon)) entry.recent.shift();
  }

  snapshot(now: number): BreakerSnapshot[] {
    return [...this.entries].map(([key, entry]) => {
      const failures = entry.recent.filter((sample) => !sample.ok).length;
      const state: BreakerState = entry.state === "open" && now >= entry.openUntil ? "half_open" : entry.state;
      return {
        key,
        state,
        consecutive_failures: entry.consecutiveFailures,
        failure_rate: entry.recent.length ? Number((failures / entry.recent.length).toFixed(3)) : 0,
        samples: entry.recent.length,
        opens: entry.opens,
        retry_in_ms: state === "open" ? Math.max(0, entry.openUntil - now) : 0,
        last_error: entry.lastError ?? null,
      };
    });
  }
}
