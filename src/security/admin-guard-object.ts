// AdminGuard: a Durable Object (SQLite storage) guarding the admin surface across isolates.
//   one instance per client address ("addr:<ip>")  the admin-token throttle (admin-throttle.ts)
//   one instance "sessions"                         the dashboard sessions' key salt (random, created
//                                                   once, never leaves the Worker) and the sessions
//                                                   ended by logout, kept until they would expire
import { DurableObject } from "cloudflare:workers";
import type { Env } from "../env";
import { afterFailure, current, lockedFor, type ThrottleState } from "./admin-throttle";

const REVOKED = "revoked:";

export class AdminGuard extends DurableObject<Env> {
  /** How long this address must still wait before a token is compared (ms), and its recent failures. */
  async throttleCheck(now: number): Promise<{ lockedForMs: number; failures: number }> {
    const state = current(await this.ctx.storage.get<ThrottleState>("throttle"), now);
    return { lockedForMs: lockedFor(state, now), failures: state.failures };
  }

  /** Records a wrong token; returns the lock it earned (ms). */
  async throttleFailure(now: number): Promise<number> {
    const next = afterFailure(await this.ctx.storage.get<ThrottleState>("throttle"), now);
    await this.ctx.storage.put("throttle", next);
    return lockedFor(next, now);
  }

  async throttleClear(): Promise<void> {
    await this.ctx.storage.delete("throttle");
  }

  /** The salt dashboard session keys are derived with (32 random bytes, made on first use). */
  async sessionSalt(): Promise<Uint8Array> {
    let salt = await this.ctx.storage.get<Uint8Array>("salt");
    if (!salt) {
      salt = crypto.getRandomValues(new Uint8Array(32));
      await this.ctx.storage.put("salt", salt);
    }
    return salt;
  }

  /** Ends a session (logout) until its own expiry; forgets ended sessions that have expired anyway. */
  async revokeSession(id: string, expiresAt: number, now: number): Promise<void> {
    await this.ctx.storage.put(REVOKED + id, expiresAt);
    const ended = await this.ctx.storage.list<number>({ prefix: REVOKED, limit: 1000 });
    const stale = [...ended].filter(([, expiry]) => expiry <= now).map(([key]) => key);
    if (stale.length > 0) await this.ctx.storage.delete(stale);
  }

  async sessionRevoked(id: string): Promise<boolean> {
    return (await this.ctx.storage.get<number>(REVOKED + id)) !== undefined;
  }
}
