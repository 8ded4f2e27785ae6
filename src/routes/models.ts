import { Hono } from "hono";
import { readConfig } from "../config";
import type { AppEnv } from "../env";
import { loadCatalog } from "../pricing/catalog-store";
import { resolveEndpoints } from "../providers/registry";
import { AUTO_MODEL_IDS } from "../schema/model-field";

/** OpenAI-style model list: the virtual auto models, then every reachable catalog model. */
export const models = new Hono<AppEnv>().get("/v1/models", async (c) => {
  const config = readConfig(c.env);
  const catalog = await loadCatalog({
    kv: c.env.PRICING,
    ttlMs: config.catalogTtlSeconds * 1000,
    now: Date.now,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  const reachable = resolveEndpoints(c.env);
  const created = Math.floor(Date.parse(catalog.updatedAt) / 1000) || 0;
  return c.json({
    object: "list",
    data: [
      ...AUTO_MODEL_IDS.map((id) => ({ id, object: "model", created, owned_by: "triage" })),
      ...catalog.models
        .filter((model) => reachable.has(model.provider))
        .map((model) => ({ id: model.id, object: "model", created, owned_by: model.provider })),
    ],
  });
});
