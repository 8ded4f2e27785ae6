// Throttling of admin-token attempts per client address: the first FREE_FAILURES wrong tokens
// cost nothing, then every further one locks the address out for twice as long as the last
// (1 s, 2 s, 4 s, … up to 15 minutes). While locked, no token is even compared, so guessing
// gains nothing from trying faster. A right token clears the record; so does an hour without a
// wrong one. Pure: the AdminGuard Durable Object (and, without it, the isolate) keeps the state.

export const FREE_FAILURES = 10;
export const BASE_LOCK_MS = 1_000;
export const MAX_LOCK_MS = 15 * 60_000;
export const FORGET_AFTER_MS = 60 * 60_000;

export interface ThrottleState {
  failures: number;
  lastFailureAt: number;
  lockedUntil: number;
}

export const NO_FAILURES: ThrottleState = { failures: 0, lastFailureAt: 0, lockedUntil: 0 };

/** The state as of `now`: an old record is forgotten once its lock has passed. */
export function current(state: ThrottleState | undefined, now: number): ThrottleState {
  if (!state || (now >= state.lockedUntil && now - state.lastFailureAt > FORGET_AFTER_MS)) return NO_FAILURES;
  return state;
}

/** Milliseconds until the address may try again (0: now). */
export const lockedFor = (state: ThrottleState, now: number) => Math.max(0, state.lockedUntil - now);

/** The lock a wrong token earns: none for the first FREE_FAILURES, then doubling. */
export function lockAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** Math.min(30, failures - FREE_FAILURES - 1));
}

export function afterFailure(state: ThrottleState | undefined, now: number): ThrottleState {
  const failures = current(state, now).failures + 1;
  return { failures, lastFailureAt: now, lockedUntil: now + lockAfter(failures) };
}
