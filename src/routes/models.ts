import { Hono, type Context } from "hono";
import { readConfig } from "../config.ts";
import type { AppEnv } from "../env.ts";
import { notFound } from "../errors.ts";
import { loadCatalog } from "../pricing/catalog-store.ts";
import { resolveEndpoints } from "../providers/registry.ts";
import { AUTO_MODEL_IDS } from "../schema/model-field.ts";
import { closestModelIds } from "../select/closest-models.ts";

/** The virtual auto models, then every reachable catalog model, in OpenAI's model shape. */
async function listModels(c: Context<AppEnv>) {
  const config = readConfig(c.env);
  const catalog = await loadCatalog({
    kv: c.env.PRICING,
    ttlMs: config.catalogTtlSeconds * 1000,
    now: Date.now,
    waitUntil: (p) => c.executionCtx.waitUntil(p),
  });
  const reachable = resolveEndpoints(c.env);
  const created = Math.floor(Date.parse(catalog.updatedAt) / 1000) || 0;
  const models = catalog.models.filter((model) => reachable.has(model.provider));
  return {
    catalogModels: models,
    data: [
      ...AUTO_MODEL_IDS.map((id) => ({ id, object: "model", created, owned_by: "triage" })),
      ...models.map((model) => ({ id: model.id, object: "model", created, owned_by: model.provider })),
    ],
  };
}

export const models = new Hono<AppEnv>()
  .get("/v1/models", async (c) => c.json({ object: "list", data: (await listModels(c)).data }))
  // Catalog ids contain slashes (openai/gpt-4.1): the id is the rest of the path.
  .get("/v1/models/*", async (c) => {
    const id = decodeURIComponent(new URL(c.req.url).pathname.slice("/v1/models/".length));
    const { data, catalogModels } = await listModels(c);
    const model = data.find((entry) => entry.id === id);
    if (model) return c.json(model);
    const closest = closestModelIds(catalogModels, id);
    throw notFound(
      `The model '${id.slice(0, 128)}' does not exist in the router's catalog` +
        (closest.length > 0 ? `. Closest: ${closest.join(", ")}.` : "."),
      "model_not_found",
    );
  });
