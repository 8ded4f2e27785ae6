// Delayed, coalesced background flushes. Sending one Durable Object RPC (and its SQLite writes)
// per request costs more CPU than routing the request (docs/benchmarks.md); a buffer that waits
// a moment before flushing sends one RPC for all the rows that arrive meanwhile. A reader that
// needs fresh data (stats, feedback) wakes the waiting flush instead of waiting it out.
import type { Env } from "../env.ts";

/** Default wait before a flush; ROUTER_STATS_FLUSH_MS overrides it (tests use 0). */
export const FLUSH_DELAY_MS = 1_000;

export function flushDelayMs(env: Env): number {
  const raw = env.ROUTER_STATS_FLUSH_MS;
  const value = Number(raw);
  return typeof raw === "string" && raw !== "" && Number.isFinite(value) && value >= 0 ? value : FLUSH_DELAY_MS;
}

/** A sleep that `wake()` ends early. One pending sleep at a time per instance. */
export class WakeableDelay {
  private wakeUp: (() => void) | undefined;

  sleep(ms: number): Promise<void> {
    if (ms <= 0) return Promise.resolve();
    return new Promise((resolve) => {
      const done = () => {
        clearTimeout(timer);
        this.wakeUp = undefined;
        resolve();
      };
      const timer = setTimeout(done, ms);
      this.wakeUp = done;
    });
  }

  wake(): void {
    this.wakeUp?.();
  }
}
