// Admin API for the pricing catalog (behind the admin token):
//   GET  /admin/pricing                  the stored catalog (or the bundled default if KV is empty)
//   PUT  /admin/pricing                  replace it (validated; next version; If-Match: <version> optional)
//   GET  /admin/pricing/versions         versions kept for rollback
//   POST /admin/pricing/rollback         {"version": n} (default: the previous one) -> written as a new version
//   POST /admin/pricing/import/litellm   LiteLLM model_prices_and_context_window.json
//                                        (?add_new=true&tier=simple to add models; ?dry_run=true to preview)
// Writes apply in this isolate at once and in others within ROUTER_CATALOG_TTL_SECONDS (+ KV propagation).
import { Hono } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env.ts";
import { invalidRequest, notFound, RouterError } from "../errors.ts";
import {
  listVersions,
  nextCatalog,
  readStored,
  readVersion,
  validateNext,
  versionKey,
  writeCatalog,
  type StoredCatalog,
} from "../pricing/catalog-admin.ts";
import { catalogSchema, type Catalog } from "../pricing/catalog-schema.ts";
import { importLiteLlm } from "../pricing/litellm-import.ts";
import { TIERS, type Tier } from "../schema/canonical.ts";
import { readAdminJson } from "../limits/read-request.ts";
import { sectionIssue, validate } from "../schema/parse-request.ts";
import { adminAuth } from "./admin-auth.ts";

const invalidStored = (stored: Extract<StoredCatalog, { state: "invalid" }>) =>
  new RouterError(`The stored catalog is invalid (${stored.issue}); PUT a valid one or roll back.`, {
    status: 409,
    type: "invalid_request_error",
    code: "catalog_invalid",
  });

/** Versions only go up: the next one is above both the current catalog's and every kept one. */
async function currentVersion(kv: KVNamespace, stored: StoredCatalog): Promise<number> {
  const kept = (await listVersions(kv))[0] ?? 0;
  return stored.state === "invalid" ? kept : Math.max(stored.catalog.version, kept);
}

/** Before the first edit of a never-stored (bundled) catalog, keep it as its version for rollback. */
async function keepDefault(kv: KVNamespace, stored: StoredCatalog) {
  if (stored.state === "default" && !(await readVersion(kv, stored.catalog.version))) {
    await kv.put(versionKey(stored.catalog.version), JSON.stringify(stored.catalog));
  }
}

/** Catalog fields are named with dots (models.0.pricing.input), as pricing:push prints them. */
const catalogIssue = sectionIssue("catalog", (path) => path.join("."));

const rollbackSchema = z.strictObject({ version: z.number().int().optional() });

async function write(kv: KVNamespace, stored: StoredCatalog, body: unknown, previous: number) {
  const now = new Date();
  const catalog = validate(catalogSchema, nextCatalog(body, previous, now), catalogIssue);
  await keepDefault(kv, stored);
  await writeCatalog(kv, catalog, now.getTime());
  return catalog;
}

const written = (catalog: Catalog, previous: number) => ({
  object: "router.catalog.write",
  version: catalog.version,
  previous_version: previous,
  updated_at: catalog.updatedAt,
  models: catalog.models.length,
});

export const adminPricing = new Hono<AppEnv>()
  .use("/admin/*", adminAuth())
  .get("/admin/pricing", async (c) => {
    const stored = await readStored(c.env.PRICING);
    if (stored.state === "invalid") throw invalidStored(stored);
    return c.json(stored.catalog, 200, {
      "x-router-catalog-version": String(stored.catalog.version),
      "x-router-catalog-state": stored.state,
    });
  })
  .put("/admin/pricing", async (c) => {
    const kv = c.env.PRICING;
    const stored = await readStored(kv);
    const previous = await currentVersion(kv, stored);
    const ifMatch = c.req.header("if-match");
    if (ifMatch !== undefined && ifMatch.replace(/"/g, "") !== String(previous)) {
      throw new RouterError(`The catalog changed: current version is ${previous}, If-Match was ${ifMatch}.`, {
        status: 412,
        type: "invalid_request_error",
        code: "version_mismatch",
      });
    }
    const catalog = await write(kv, stored, await readAdminJson(c.req.raw), previous);
    return c.json(written(catalog, previous));
  })
  .get("/admin/pricing/versions", async (c) => {
    const stored = await readStored(c.env.PRICING);
    return c.json({
      object: "router.catalog.versions",
      current: stored.state === "invalid" ? null : stored.catalog.version,
      versions: await listVersions(c.env.PRICING),
    });
  })
  .post("/admin/pricing/rollback", async (c) => {
    const kv = c.env.PRICING;
    const body = validate(rollbackSchema, await readAdminJson(c.req.raw, {}), sectionIssue("rollback"));
    const stored = await readStored(kv);
    const previous = await currentVersion(kv, stored);
    const target = body.version ?? previous - 1;
    const catalog = Number.isInteger(target) && target >= 1 ? await readVersion(kv, target) : undefined;
    if (!catalog)
      throw notFound(`Catalog version ${target} is not kept (see GET /admin/pricing/versions).`, "version_not_found");
    const next = await write(kv, stored, { ...catalog, source: `rollback to version ${target}` }, previous);
    return c.json({ ...written(next, previous), restored_version: target });
  })
  .post("/admin/pricing/import/litellm", async (c) => {
    const kv = c.env.PRICING;
    const stored = await readStored(kv);
    if (stored.state === "invalid") throw invalidStored(stored);
    const tier = c.req.query("tier") ?? "simple";
    if (!(TIERS as readonly string[]).includes(tier))
      throw invalidRequest(`Unknown tier '${tier}'.`, "tier", "invalid_value");
    let result: ReturnType<typeof importLiteLlm>;
    try {
      result = importLiteLlm(stored.catalog, await readAdminJson(c.req.raw), {
        addNew: c.req.query("add_new") === "true",
        newTier: tier as Tier,
        checked: new Date().toISOString().slice(0, 10),
      });
    } catch (error) {
      if (error instanceof RouterError) throw error;
      throw invalidRequest(`Not a LiteLLM price file: ${(error as Error).message}`, null, "invalid_catalog");
    }
    const body = { ...result.catalog, source: "LiteLLM import" };
    const previous = await currentVersion(kv, stored);
    if (c.req.query("dry_run") === "true") {
      const check = validateNext(body, previous, new Date());
      return c.json({ object: "router.catalog.import", dry_run: true, valid: check.ok, ...result.report });
    }
    const catalog = await write(kv, stored, body, previous);
    return c.json({ ...written(catalog, previous), object: "router.catalog.import", ...result.report });
  });
