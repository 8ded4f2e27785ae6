// Client authentication for the /v1 API: `Authorization: Bearer tri_<id>_<secret>`.
// The presented key is always hashed and compared with a stored digest in constant time
// (crypto.subtle.timingSafeEqual on two SHA-256 digests; a dummy digest stands in for unknown
// ids), and every failure — missing, malformed, unknown, revoked, wrong secret — gets the same
// 401, decided before the body is read and before any upstream call. Keys are never logged.
import type { MiddlewareHandler } from "hono";
import type { AppEnv, Env } from "../env.ts";
import { RouterError } from "../errors.ts";
import { deploymentPolicy } from "./deployment-policy.ts";
import { readAuthConfig } from "./auth-config.ts";
import { OPEN_IDENTITY_ID, type Identity } from "../schema/identity.ts";
import { keyAuthority } from "./key-authority.ts";
import { lookupKey } from "./key-cache.ts";
import { fromHex, sha256 } from "../util/hash.ts";
import { keyId } from "./key-format.ts";
import type { KeyRecord } from "./key-record.ts";

const DUMMY_DIGEST = new Uint8Array(32);
let reportedMissingBinding = false;

export const invalidKey = () =>
  new RouterError("Invalid API key. Send a Triage client key as 'Authorization: Bearer <key>'.", {
    status: 401,
    type: "authentication_error",
    code: "invalid_api_key",
    headers: { "www-authenticate": 'Bearer realm="triage"' },
  });

/** The bearer token, or undefined. Tolerates any case of "Bearer" and surrounding spaces. */
export function bearerToken(header: string | undefined): string | undefined {
  if (!header) return undefined;
  const match = /^\s*bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1];
}

async function verify(
  env: Env,
  token: string,
  lookup: (kv: KVNamespace, id: string) => Promise<KeyRecord | undefined>,
) {
  const given = await sha256(token);
  const id = keyId(token);
  const kv = env.KEYS;
  if (!kv && !reportedMissingBinding) {
    reportedMissingBinding = true;
    console.error(JSON.stringify({ level: "error", event: "keys_binding_missing", binding: "KEYS" }));
  }
  const record = id && kv ? await lookup(kv, id) : undefined;
  const expected = (record && fromHex(record.hash)) ?? DUMMY_DIGEST;
  const equal = crypto.subtle.timingSafeEqual(given, expected);
  return record && equal && record.revoked_at === null ? record : undefined;
}

const apiKeyHeader = (value: string | undefined) => (value && /^\S+$/.test(value.trim()) ? value.trim() : undefined);

/** `anthropicKeyHeader`: also take the key from x-api-key, as Anthropic's SDK sends it (/v1/messages only). */
export function clientAuth(options: { anthropicKeyHeader?: boolean } = {}): MiddlewareHandler<AppEnv> {
  return async function clientAuthMiddleware(c, next) {
    const config = readAuthConfig(c.env);
    const token =
      bearerToken(c.req.header("authorization")) ??
      (options.anthropicKeyHeader ? apiKeyHeader(c.req.header("x-api-key")) : undefined);
    let identity: Identity;
    // Open mode serves callers without a Triage key (SDKs send placeholder keys); a Triage-shaped
    // key is still checked, so keys can be tried locally.
    if (config.mode === "open" && (token === undefined || !token.startsWith("tri_"))) {
      identity = { id: OPEN_IDENTITY_ID, kind: "open", name: "open", policy: deploymentPolicy(c.env) };
    } else {
      if (token === undefined) throw invalidKey();
      const authority = keyAuthority(c.env);
      const record = await verify(c.env, token, (kv, id) =>
        lookupKey(kv, id, { ttlMs: config.keyCacheTtlMs, now: Date.now, authority }),
      );
      if (!record) throw invalidKey();
      identity = { id: record.id, kind: "key", name: record.name, policy: record.policy };
    }
    c.set("identity", identity);
    await next();
    if (config.mode === "open") c.res.headers.set("x-router-auth", "open");
  };
}
