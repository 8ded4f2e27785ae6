// Server-side state of dashboard sessions: the salt their keys are derived with and the sessions
// ended by logout, in the AdminGuard Durable Object ("sessions" instance). The salt is read once
// per isolate. Without the ADMIN_GUARD binding each isolate keeps its own salt and list (sessions
// then only work in the isolate that created them: a development setup, logged once).
import type { Env } from "../env.ts";

const LOCAL = {};
const salts = new WeakMap<object, Promise<Uint8Array>>();
const localRevoked = new Map<string, number>();

const guard = (env: Env) => env.ADMIN_GUARD?.get(env.ADMIN_GUARD.idFromName("sessions"));

export function sessionSalt(env: Env): Promise<Uint8Array> {
  const owner = env.ADMIN_GUARD ?? LOCAL;
  let salt = salts.get(owner);
  if (!salt) {
    const stub = guard(env);
    salt = stub ? stub.sessionSalt() : Promise.resolve(crypto.getRandomValues(new Uint8Array(32)));
    // A failed read is not cached: the next request asks again.
    salt.catch(() => salts.delete(owner));
    salts.set(owner, salt);
  }
  return salt;
}

export async function endSession(env: Env, id: string, expiry: number, now = Date.now()): Promise<void> {
  const stub = guard(env);
  if (stub) return stub.revokeSession(id, expiry * 1000, now);
  localRevoked.set(id, expiry * 1000);
  for (const [other, until] of localRevoked) if (until <= now) localRevoked.delete(other);
}

export async function sessionEnded(env: Env, id: string): Promise<boolean> {
  const stub = guard(env);
  return stub ? stub.sessionRevoked(id) : localRevoked.has(id);
}
