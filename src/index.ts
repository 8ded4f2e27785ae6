// Triage: builds the Hono app (middleware, routes, one error formatter).
import { Hono } from "hono";
import type { AppEnv } from "./env.ts";
import { notFound, toRouterError, type RouterError } from "./errors.ts";
import { corsOrigins } from "./middleware/cors.ts";
import { requestId } from "./middleware/request-id.ts";
import { redactSecrets } from "./util/redact.ts";
import { chatCompletions } from "./routes/chat-completions.ts";
import { responses } from "./routes/responses.ts";
import { messages } from "./routes/messages.ts";
import { anthropicErrorBody } from "./stream/anthropic-format.ts";
import { healthz } from "./routes/healthz.ts";
import { models } from "./routes/models.ts";
import { route } from "./routes/route.ts";
import { adminKeys } from "./routes/admin-keys.ts";
import { adminPricing } from "./routes/admin-pricing.ts";
import { clientAuth } from "./auth/client-auth.ts";
import { usageAdmission } from "./usage/key-usage.ts";
import { routerStats } from "./routes/router-stats.ts";
import { dashboard } from "./routes/dashboard.ts";
import { feedback } from "./routes/feedback.ts";
import { adminLearning } from "./routes/admin-learning.ts";

/** Anthropic-format endpoints answer errors in Anthropic's envelope, everything else in OpenAI's. */
const envelopeFor = (path: string, error: RouterError) =>
  path === "/v1/messages" || path.startsWith("/v1/messages/") ? anthropicErrorBody(error) : error.toEnvelope();

export function createApp() {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  // CORS (off unless ROUTER_CORS_ORIGINS is set) answers preflights before auth sees them.
  app.use("/v1/*", corsOrigins());
  // Client keys on the /v1 API (stats use the admin token); rate limits on every key route, budgets
  // on the routes that do routing work. Both run before the body is read. Each path is listed once:
  // Hono's "/x/*" also matches "/x", and a request must not pass a gate twice.
  const routed = ["/v1/chat/completions", "/v1/responses", "/v1/messages", "/v1/route"];
  const keyed = [
    "/v1/chat/completions",
    "/v1/responses/*",
    "/v1/messages",
    "/v1/route",
    "/v1/models/*",
    "/v1/feedback",
  ];
  for (const path of keyed) app.use(path, clientAuth({ anthropicKeyHeader: path === "/v1/messages" }));
  for (const path of routed) app.use(path, usageAdmission());
  for (const path of ["/v1/models/*", "/v1/responses/:id", "/v1/feedback"]) {
    app.use(path, usageAdmission({ rateOnly: true }));
  }
  app.route("/", chatCompletions);
  app.route("/", responses);
  app.route("/", messages);
  app.route("/", route);
  app.route("/", models);
  app.route("/", healthz);
  app.route("/", adminPricing);
  app.route("/", adminKeys);
  app.route("/", routerStats);
  app.route("/", dashboard);
  app.route("/", feedback);
  app.route("/", adminLearning);

  app.notFound((c) => {
    const path = new URL(c.req.url).pathname;
    // Clipped and redacted: a misconfigured client may put a key into the URL.
    const shown = redactSecrets(path.length > 200 ? `${path.slice(0, 200)}…` : path);
    const error = notFound(`Unknown route: ${c.req.method.slice(0, 20)} ${shown}`, "unknown_route");
    return c.json(envelopeFor(path, error), 404);
  });

  app.onError((err, c) => {
    const error = toRouterError(err);
    if (error.status >= 500 && error.code === "internal_error") {
      // Log the cause for operators; the client gets the request id only.
      console.error(
        JSON.stringify({
          level: "error",
          event: "unhandled",
          request_id: c.get("requestId"),
          error: redactSecrets(String(err)),
        }),
      );
    }
    return c.json(envelopeFor(new URL(c.req.url).pathname, error), error.status as 400, error.headers);
  });
  return app;
}

export default createApp();
export { RouterStats } from "./stats/stats-object.ts";
export { ConversationState } from "./record/conversation-object.ts";
export { KeyUsage } from "./usage/key-usage-object.ts";
export { TenantLearning } from "./learning/index.ts";
export { AdminGuard } from "./security/admin-guard-object.ts";
export { ResponseStore } from "./responses/response-store.ts";
