// ROUTER_AUTH: "keys" (the default: every /v1 call needs a client key) or "open" (local
// development only: callers without a key are served under ROUTER_POLICY). Any other value is a
// misconfiguration and refuses every request rather than guessing.
import * as z from "zod";
import { defineEnvConfig } from "../env.ts";

export type AuthMode = "keys" | "open";

export interface AuthConfig {
  mode: AuthMode;
  /** How long a key record is used from the isolate cache before a background refresh. */
  keyCacheTtlMs: number;
}

const schema = z.object({
  ROUTER_AUTH: z.enum(["keys", "open"], { error: 'must be "keys" or "open"' }).default("keys"),
  ROUTER_KEY_TTL_SECONDS: z.coerce.number().min(0, "must be 0-3600").max(3_600, "must be 0-3600").default(30),
});

let warnedOpen = false;

export const readAuthConfig = defineEnvConfig(schema, (vars): AuthConfig => {
  const config: AuthConfig = { mode: vars.ROUTER_AUTH, keyCacheTtlMs: vars.ROUTER_KEY_TTL_SECONDS * 1000 };
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
  return config;
});
