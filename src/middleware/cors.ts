// CORS for browser apps calling /v1, off unless ROUTER_CORS_ORIGINS lists the allowed origins
// (comma-separated, exact `https://app.example.com`, or `*` for any). Preflights are answered here,
// before client auth (a browser sends them without credentials). Responses expose the x-router-*
// headers so a browser app can read the routing decision.
import type { MiddlewareHandler } from "hono";
import { cors } from "hono/cors";
import type { AppEnv } from "../env.ts";
import { readString } from "../env.ts";

const EXPOSED = [
  "x-router-request-id",
  "x-router-model",
  "x-router-tier",
  "x-router-stage",
  "x-router-objective",
  "x-router-attempts",
  "x-router-est-cost-usd",
  "x-router-cost-usd",
  "x-router-baseline-cost-usd",
  "x-router-sticky",
  "x-router-dropped-params",
  "x-router-decision-id",
  "retry-after",
];

export function corsOrigins(): MiddlewareHandler<AppEnv> {
  const handler = cors({
    origin: (origin, c) => {
      const setting = readString(c.env, "ROUTER_CORS_ORIGINS");
      if (!setting) return null;
      const allowed = setting.split(",").map((entry) => entry.trim().replace(/\/+$/, ""));
      if (allowed.includes("*")) return "*";
      return allowed.includes(origin) ? origin : null;
    },
    allowMethods: ["GET", "POST", "DELETE", "OPTIONS"],
    exposeHeaders: EXPOSED,
    maxAge: 600,
  });
  return async function corsMiddleware(c, next) {
    // Off by default: no CORS headers and no preflight answers at all.
    if (!readString(c.env, "ROUTER_CORS_ORIGINS")) return next();
    return handler(c, next);
  };
}
