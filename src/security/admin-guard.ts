// The admin token check every admin door goes through (the admin API, the dashboard's sign-in,
// /healthz's details): throttled per client address (admin-throttle.ts) in the AdminGuard Durable
// Object, so guesses from one address slow down across every isolate, and compared in constant
// time. An isolate remembers a lock it was told about, so a locked address costs no further RPC.
// Without the ADMIN_GUARD binding (or while it is unreachable) each isolate throttles alone.
import type { Env } from "../env.ts";
import { sha256 } from "../util/hash.ts";
import { afterFailure, current, lockedFor, type ThrottleState } from "./admin-throttle.ts";

/** Constant-time comparison: both sides are hashed to a fixed length first. */
export async function tokensMatch(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([sha256(given), sha256(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

/** The caller's address as Cloudflare's edge reports it ("unknown" off Cloudflare, e.g. in tests). */
export const clientAddress = (headers: Headers) => headers.get("cf-connecting-ip")?.trim().slice(0, 64) || "unknown";

interface ThrottleStore {
  /** Admits one attempt, counted as a failure until clear(), unless the address is locked. */
  attempt(address: string, now: number): Promise<{ lockedForMs: number; earnedLockMs: number }>;
  clear(address: string): Promise<void>;
}

const MAX_LOCAL = 10_000;
const localStates = new Map<string, ThrottleState>();
const localStore: ThrottleStore = {
  async attempt(address, now) {
    const state = current(localStates.get(address), now);
    const locked = lockedFor(state, now);
    if (locked > 0) return { lockedForMs: locked, earnedLockMs: 0 };
    const next = afterFailure(state, now);
    localStates.delete(address);
    localStates.set(address, next);
    if (localStates.size > MAX_LOCAL) localStates.delete(localStates.keys().next().value!);
    return { lockedForMs: 0, earnedLockMs: lockedFor(next, now) };
  },
  async clear(address) {
    localStates.delete(address);
  },
};

let reportedMissing = false;

function durableStore(namespace: NonNullable<Env["ADMIN_GUARD"]>): ThrottleStore {
  const stub = (address: string) => namespace.get(namespace.idFromName(`addr:${address}`));
  // An unreachable guard falls back to this isolate's own count rather than opening the door.
  const orLocal =
    <A extends unknown[], R>(remote: (...args: A) => Promise<R>, local: (...args: A) => Promise<R>) =>
    (...args: A) =>
      remote(...args).catch((error: unknown) => {
        console.error(JSON.stringify({ level: "error", event: "admin_guard_unavailable", error: String(error) }));
        return local(...args);
      });
  return {
    attempt: orLocal((address, now) => stub(address).throttleAttempt(now), localStore.attempt),
    clear: orLocal((address) => stub(address).throttleClear(), localStore.clear),
  };
}

function storeFor(env: Env): ThrottleStore {
  if (env.ADMIN_GUARD) return durableStore(env.ADMIN_GUARD);
  if (!reportedMissing) {
    reportedMissing = true;
    console.error(JSON.stringify({ level: "error", event: "admin_guard_binding_missing", effect: "per isolate" }));
  }
  return localStore;
}

/** Locks this isolate learnt of: address → until (ms). */
const knownLocks = new Map<string, number>();

function rememberLock(address: string, until: number) {
  knownLocks.delete(address);
  knownLocks.set(address, until);
  if (knownLocks.size > MAX_LOCAL) knownLocks.delete(knownLocks.keys().next().value!);
}

export type AdminTokenCheck = { ok: true } | { ok: false; lockedForMs: number };

/** Checks `given` against the admin token, unless the caller's address is locked out (lockedForMs > 0). */
export async function checkAdminToken(
  env: Env,
  headers: Headers,
  given: string,
  expected: string,
  now = Date.now(),
): Promise<AdminTokenCheck> {
  const address = clientAddress(headers);
  const known = knownLocks.get(address);
  if (known !== undefined && known > now) return { ok: false, lockedForMs: known - now };
  const store = storeFor(env);
  const attempt = await store.attempt(address, now);
  if (attempt.lockedForMs > 0) {
    rememberLock(address, now + attempt.lockedForMs);
    return { ok: false, lockedForMs: attempt.lockedForMs };
  }
  if (await tokensMatch(given, expected)) {
    await store.clear(address); // it was counted as a failure until now
    knownLocks.delete(address);
    return { ok: true };
  }
  if (attempt.earnedLockMs > 0) rememberLock(address, now + attempt.earnedLockMs);
  return { ok: false, lockedForMs: 0 }; // this attempt is simply wrong; the lock applies to the next ones
}
