// Time, injected: dispatch and its timers never read the global clock directly, so tests
// can drive them. In Workers Date.now() advances across I/O, which is what timeouts need.
export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};

export function sleep(clock: Clock, ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (ms <= 0 || signal?.aborted) return resolve();
    const handle = clock.setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clock.clearTimeout(handle);
      resolve();
    });
  });
}
