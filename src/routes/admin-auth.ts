// Admin token check: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time and throttled
// per client address (src/security/admin-guard.ts). Without a configured token (or with one too
// short to be a secret) the admin routes are disabled.
import type { Context, MiddlewareHandler } from "hono";
import { readString, type AppEnv } from "../env.ts";
import { RouterError } from "../errors.ts";
import { checkAdminToken } from "../security/admin-guard.ts";

export const MIN_ADMIN_TOKEN_LENGTH = 16;

/** The configured admin token, if it is long enough to count as a secret. */
export function configuredAdminToken(c: Context<AppEnv>): string | undefined {
  const token = readString(c.env, "ADMIN_TOKEN");
  return token && token.length >= MIN_ADMIN_TOKEN_LENGTH ? token : undefined;
}

const bearer = (c: Context<AppEnv>) => {
  const header = c.req.header("authorization") ?? "";
  return header.startsWith("Bearer ") ? header.slice(7).trim() : "";
};

export const adminThrottled = (lockedForMs: number) =>
  new RouterError("Too many wrong admin tokens from this address; wait before trying again.", {
    status: 429,
    type: "rate_limit_error",
    code: "admin_throttled",
    headers: { "retry-after": String(Math.max(1, Math.ceil(lockedForMs / 1000))) },
  });

/** True when the request carries the right admin token (a wrong one counts against the address). */
export async function adminTokenGiven(c: Context<AppEnv>): Promise<boolean> {
  const expected = configuredAdminToken(c);
  const given = bearer(c);
  if (!expected || !given || given.length > 1024) return false;
  return (await checkAdminToken(c.env, c.req.raw.headers, given, expected)).ok;
}

export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuthMiddleware(c, next) {
    const expected = configuredAdminToken(c);
    if (!expected) {
      throw new RouterError(
        `The admin API is disabled: set the ADMIN_TOKEN secret (at least ${MIN_ADMIN_TOKEN_LENGTH} characters) with \`wrangler secret put ADMIN_TOKEN\`.`,
        { status: 403, type: "permission_error", code: "admin_disabled" },
      );
    }
    const given = bearer(c);
    const check =
      given && given.length <= 1024
        ? await checkAdminToken(c.env, c.req.raw.headers, given, expected)
        : { ok: false as const, lockedForMs: 0 };
    if (!check.ok && check.lockedForMs > 0) throw adminThrottled(check.lockedForMs);
    if (!check.ok) {
      throw new RouterError("Invalid or missing admin token (Authorization: Bearer <ADMIN_TOKEN>).", {
        status: 401,
        type: "authentication_error",
        code: "invalid_admin_token",
        headers: { "www-authenticate": 'Bearer realm="triage-admin"' },
      });
    }
    await next();
  };
}
