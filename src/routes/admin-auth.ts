// Admin token check: `Authorization: Bearer <ADMIN_TOKEN>`, compared in constant time (both sides
// hashed to a fixed length first, then crypto.subtle.timingSafeEqual). Without a configured token
// (or with one too short to be a secret) the admin routes are disabled.
import type { MiddlewareHandler } from "hono";
import { readString, type AppEnv } from "../env";
import { RouterError } from "../errors";

export const MIN_ADMIN_TOKEN_LENGTH = 16;

const encoder = new TextEncoder();
const digest = async (text: string) => new Uint8Array(await crypto.subtle.digest("SHA-256", encoder.encode(text)));

export async function tokensMatch(given: string, expected: string): Promise<boolean> {
  const [a, b] = await Promise.all([digest(given), digest(expected)]);
  return crypto.subtle.timingSafeEqual(a, b);
}

export function adminAuth(): MiddlewareHandler<AppEnv> {
  return async function adminAuthMiddleware(c, next) {
    const expected = readString(c.env, "ADMIN_TOKEN");
    if (!expected || expected.length < MIN_ADMIN_TOKEN_LENGTH) {
      throw new RouterError(
        `The admin API is disabled: set the ADMIN_TOKEN secret (at least ${MIN_ADMIN_TOKEN_LENGTH} characters) with \`wrangler secret put ADMIN_TOKEN\`.`,
        { status: 403, type: "permission_error", code: "admin_disabled" },
      );
    }
    const header = c.req.header("authorization") ?? "";
    const given = header.startsWith("Bearer ") ? header.slice(7).trim() : "";
    if (!given || !(await tokensMatch(given, expected))) {
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
