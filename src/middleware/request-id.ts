import type { MiddlewareHandler } from "hono";
import type { AppEnv } from "../env.ts";

const CLIENT_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** Takes a well-formed client x-request-id, or makes one; echoed on every response. */
export function requestId(): MiddlewareHandler<AppEnv> {
  return async function requestIdMiddleware(c, next) {
    const incoming = c.req.header("x-request-id");
    const id = incoming && CLIENT_ID.test(incoming) ? incoming : crypto.randomUUID().replace(/-/g, "");
    c.set("requestId", id);
    c.set("startedAt", performance.now());
    await next();
    c.res.headers.set("x-router-request-id", id);
  };
}
