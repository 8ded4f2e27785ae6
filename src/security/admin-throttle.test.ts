import { describe, expect, it } from "vitest";
import {
  afterFailure,
  BASE_LOCK_MS,
  current,
  FORGET_AFTER_MS,
  FREE_FAILURES,
  lockAfter,
  lockedFor,
  MAX_LOCK_MS,
} from "./admin-throttle.ts";

describe("admin throttle arithmetic", () => {
  it("is free for the first failures, then doubles up to the cap", () => {
    expect(lockAfter(FREE_FAILURES)).toBe(0);
    expect(lockAfter(FREE_FAILURES + 1)).toBe(BASE_LOCK_MS);
    expect(lockAfter(FREE_FAILURES + 2)).toBe(2 * BASE_LOCK_MS);
    expect(lockAfter(FREE_FAILURES + 5)).toBe(16 * BASE_LOCK_MS);
    expect(lockAfter(FREE_FAILURES + 200)).toBe(MAX_LOCK_MS);
  });

  it("makes 200 guesses take hours, not seconds", () => {
    let total = 0;
    for (let failures = 1; failures <= 200; failures++) total += lockAfter(failures);
    expect(total).toBeGreaterThan(40 * 3_600_000);
  });

  it("forgets an address an hour after its last failure, but never during a lock", () => {
    let state = afterFailure(undefined, 0);
    for (let i = 1; i <= FREE_FAILURES; i++) state = afterFailure(state, i);
    expect(lockedFor(state, FREE_FAILURES)).toBe(BASE_LOCK_MS);
    expect(current(state, FREE_FAILURES + FORGET_AFTER_MS).failures).toBe(FREE_FAILURES + 1);
    expect(current(state, FREE_FAILURES + FORGET_AFTER_MS + 1).failures).toBe(0);
  });
});
