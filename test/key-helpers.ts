// A router in keys mode on a fresh slice of real KV (one per call), with helpers to mint keys
// through the admin API, exactly as an operator would.
import type { Env } from "../src/env.ts";
import type { KeyPolicy } from "../src/schema/policy.ts";
import { appWithEnv, testEnv } from "./helpers.ts";
import { countingKv } from "./kv-helpers.ts";

export const ADMIN_TOKEN = "admin-token-0123456789abcdef";

export interface MintedKey {
  id: string;
  key: string;
  body: Record<string, unknown>;
}

export function keysRouter(overrides: Partial<Env> = {}, mode: "ok" | "hang" | "fail" = "ok") {
  const keys = countingKv(testEnv.SPARE_KV_C, mode);
  const env: Partial<Env> = { ROUTER_AUTH: "keys", KEYS: keys.kv, ADMIN_TOKEN, ...overrides };
  const call = appWithEnv(env);
  const admin = (path: string, init: RequestInit = {}) =>
    call(path, {
      ...init,
      headers: { "content-type": "application/json", authorization: `Bearer ${ADMIN_TOKEN}`, ...init.headers },
    });
  async function mint(name = "test-key", policy?: Partial<KeyPolicy>): Promise<MintedKey> {
    const res = await admin("/admin/keys", {
      method: "POST",
      body: JSON.stringify({ name, ...(policy ? { policy } : {}) }),
    });
    if (res.status !== 201) throw new Error(`mint failed: ${res.status} ${await res.text()}`);
    const body = (await res.json()) as Record<string, unknown>;
    return { id: String(body.id), key: String(body.key), body };
  }
  /** A chat request with `key` as the bearer token (undefined: no authorization header). */
  const chat = (key: string | undefined, body: string, headers: Record<string, string> = {}) =>
    call("/v1/chat/completions", {
      method: "POST",
      headers: {
        "content-type": "application/json",
        ...(key !== undefined ? { authorization: `Bearer ${key}` } : {}),
        ...headers,
      },
      body,
    });
  /** GET /v1/router/stats?days=1 with the admin token (totals, charges, by_key). */
  async function stats(): Promise<any> {
    const res = await admin("/v1/router/stats?days=1");
    if (res.status !== 200) throw new Error(`stats failed: ${res.status} ${await res.text()}`);
    return res.json();
  }
  return { call, admin, mint, chat, stats, keys, env };
}
