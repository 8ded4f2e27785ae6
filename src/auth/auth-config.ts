// ROUTER_AUTH: "keys" (the default: every /v1 call needs a client key) or "open" (local
// development only: callers without a key are served under ROUTER_POLICY). Any other value is a
// misconfiguration and refuses every request rather than guessing.
import type { Env } from "../env.ts";
import { RouterError } from "../errors.ts";

export type AuthMode = "keys" | "open";

export interface AuthConfig {
  mode: AuthMode;
  /** How long a key record is used from the isolate cache before a background refresh. */
  keyCacheTtlMs: number;
}

const cache = new WeakMap<object, AuthConfig>();
let warnedOpen = false;

export function readAuthConfig(env: Env): AuthConfig {
  const cached = cache.get(env);
  if (cached) return cached;
  const raw = typeof env.ROUTER_AUTH === "string" ? env.ROUTER_AUTH.trim() : "";
  if (raw !== "" && raw !== "keys" && raw !== "open") {
    throw new RouterError(`Router misconfigured: ROUTER_AUTH must be "keys" or "open".`, {
      status: 500,
      type: "api_error",
      code: "router_misconfigured",
    });
  }
  const ttlRaw = env.ROUTER_KEY_TTL_SECONDS;
  const ttl = ttlRaw === undefined || ttlRaw === "" ? 30 : Number(ttlRaw);
  if (!Number.isFinite(ttl) || ttl < 0 || ttl > 3_600) {
    throw new RouterError("Router misconfigured: ROUTER_KEY_TTL_SECONDS must be 0-3600.", {
      status: 500,
      type: "api_error",
      code: "router_misconfigured",
    });
  }
  const config: AuthConfig = { mode: raw === "open" ? "open" : "keys", keyCacheTtlMs: ttl * 1000 };
  if (config.mode === "open" && !warnedOpen) {
    warnedOpen = true;
    console.warn(
      JSON.stringify({
        level: "warn",
        event: "auth_open_mode",
        message: "ROUTER_AUTH=open: requests without a client key are served. Local development only.",
      }),
    );
  }
  cache.set(env, config);
  return config;
}
