// Triage: builds the Hono app (middleware, routes, one error formatter).
import { Hono } from "hono";
import type { AppEnv } from "./env";
import { notFound, toRouterError } from "./errors";
import { requestId } from "./middleware/request-id";
import { chatCompletions } from "./routes/chat-completions";
import { healthz } from "./routes/healthz";
import { models } from "./routes/models";
import { route } from "./routes/route";
import { adminPricing } from "./routes/admin-pricing";
import { routerStats } from "./routes/router-stats";
import { feedback } from "./routes/feedback";
import { adminLearning } from "./routes/admin-learning";

export function createApp() {
  const app = new Hono<AppEnv>();
  app.use(requestId());
  app.route("/", chatCompletions);
  app.route("/", route);
  app.route("/", models);
  app.route("/", healthz);
  app.route("/", adminPricing);
  app.route("/", routerStats);
  app.route("/", feedback);
  app.route("/", adminLearning);

  app.notFound((c) => {
    const error = notFound(`Unknown route: ${c.req.method} ${new URL(c.req.url).pathname}`, "unknown_route");
    return c.json(error.toEnvelope(), 404);
  });

  app.onError((err, c) => {
    const error = toRouterError(err);
    if (error.status >= 500 && error.code === "internal_error") {
      // Log the cause for operators; the client gets the request id only.
      console.error(
        JSON.stringify({ level: "error", event: "unhandled", request_id: c.get("requestId"), error: String(err) }),
      );
    }
    return c.json(error.toEnvelope(), error.status as 400, error.headers);
  });
  return app;
}

export default createApp();
export { RouterStats } from "./record/stats-object";
export { ConversationState } from "./record/conversation-object";
export { TenantLearning } from "./learning/learning-object";
