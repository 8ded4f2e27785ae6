// Delayed, coalesced background flushes: a buffer that waits a moment before flushing
// (stats/flush-delay.ts) sends one RPC for all the rows that arrive meanwhile. A reader that
// needs fresh data (stats, feedback) wakes the waiting flush instead of waiting it out.

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
