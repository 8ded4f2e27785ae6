// AdminGuard: a Durable Object (SQLite storage) guarding the admin surface across isolates.
//   one instance per client address ("addr:<ip>")  the admin-token throttle (admin-throttle.ts)
//   one instance "sessions"                         the dashboard sessions' key salt (random, created
//                                                   once, never leaves the Worker) and the sessions
//                                                   ended by logout, kept until they would expire
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env.ts";
import { afterFailure, current, lockedFor, type ThrottleState } from "./admin-throttle.ts";

const REVOKED = "revoked:";

export class AdminGuard extends DurableObject<Env> {
  // Synchronous storage: a read and its write never interleave with another call. Every attempt is
  // counted as a failure before its token is compared (and cleared when it turns out right), so a
  // burst of parallel guesses is counted in full: the (FREE_FAILURES + 1)th is already locked out.

  /** How long this address must still wait before a token is compared (ms), and its recent failures. */
  throttleCheck(now: number): { lockedForMs: number; failures: number } {
    const state = current(this.ctx.storage.kv.get<ThrottleState>("throttle"), now);
    return { lockedForMs: lockedFor(state, now), failures: state.failures };
  }

  /** Admits one attempt (counted as a failure until throttleClear) unless the address is locked. */
  throttleAttempt(now: number): { lockedForMs: number; earnedLockMs: number } {
    const state = current(this.ctx.storage.kv.get<ThrottleState>("throttle"), now);
    const locked = lockedFor(state, now);
    if (locked > 0) return { lockedForMs: locked, earnedLockMs: 0 };
    const next = afterFailure(state, now);
    this.ctx.storage.kv.put("throttle", next);
    return { lockedForMs: 0, earnedLockMs: lockedFor(next, now) };
  }

  throttleClear(): void {
    this.ctx.storage.kv.delete("throttle");
  }

  /** The salt dashboard session keys are derived with (32 random bytes, made on first use). */
  sessionSalt(): Uint8Array {
    let salt = this.ctx.storage.kv.get<Uint8Array>("salt");
    if (!salt) {
      salt = crypto.getRandomValues(new Uint8Array(32));
      this.ctx.storage.kv.put("salt", salt);
    }
    return salt;
  }

  /** Ends a session (logout) until its own expiry; forgets ended sessions that have expired anyway. */
  revokeSession(id: string, expiresAt: number, now: number): void {
    const kv = this.ctx.storage.kv;
    kv.put(REVOKED + id, expiresAt);
    const stale = [...kv.list<number>({ prefix: REVOKED, limit: 1000 })].filter(([, expiry]) => expiry <= now);
    for (const [key] of stale) kv.delete(key);
  }

  sessionRevoked(id: string): boolean {
    return this.ctx.storage.kv.get<number>(REVOKED + id) !== undefined;
  }
}
