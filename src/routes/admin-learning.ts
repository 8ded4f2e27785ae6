// Admin API for per-tenant learning (behind the admin token); {tenant} is a client key's id, or
// "default" for requests without keys:
//   GET  /admin/learning/{tenant}                        settings, summary (?days=30), active calibration
//   PUT  /admin/learning/{tenant}/settings               store prompts?, exploration, shadow, calibration target
//   POST /admin/learning/{tenant}/recalibrate            fit now and publish (?dry_run=true: show only)
//   PUT  /admin/learning/{tenant}/calibration            publish a calibration object (npm run calibrate's output)
//   POST /admin/learning/{tenant}/rollback               {"version": n} (default: the active one's parent; 0 = defaults)
//   GET  /admin/learning/{tenant}/calibrations/{version} a stored version, exactly as published
// Writes apply in this isolate at once and in the others within ROUTER_LEARNING_TTL_SECONDS.
import { Hono, type Context } from "hono";
import * as z from "zod";
import type { AppEnv } from "../env.ts";
import { invalidRequest, notFound, RouterError } from "../errors.ts";
import {
  calibrationSchema,
  type CalibrationBody,
  learningStub,
  calibrationKey,
  learningKv,
  primeTenantState,
  SCORER_VERSION,
  learningSettingsSchema,
} from "../learning/index.ts";
import { TENANT_ID } from "../schema/identity.ts";
import { readAdminJson } from "../limits/read-request.ts";
import { sectionIssue, validate } from "../schema/parse-request.ts";
import { adminAuth } from "./admin-auth.ts";

function tenantParam(c: Context<AppEnv>): string {
  const tenant = c.req.param("tenant") ?? "";
  if (!TENANT_ID.test(tenant)) throw invalidRequest("The tenant must be 1-64 letters, digits or . _ : -", "tenant");
  return tenant;
}

function stubFor(c: Context<AppEnv>, tenant: string) {
  const stub = learningStub(c.env, tenant);
  if (!stub) {
    throw new RouterError("Learning is not configured: bind the TenantLearning Durable Object as TENANT_LEARNING.", {
      status: 501,
      type: "api_error",
      code: "learning_unavailable",
    });
  }
  return stub;
}

/** Makes this isolate serve the tenant's current calibration at once. */
async function primeCalibration(c: Context<AppEnv>, tenant: string) {
  const text = await learningKv(c.env).get(calibrationKey(tenant), "text");
  primeTenantState(learningKv(c.env), tenant, { calibration: text }, Date.now(), SCORER_VERSION);
}

const rollbackSchema = z.strictObject({ version: z.number().int().min(0).optional() });

export const adminLearning = new Hono<AppEnv>()
  .use("/admin/learning/*", adminAuth())
  .get("/admin/learning/:tenant", async (c) => {
    const tenant = tenantParam(c);
    const days = Number(c.req.query("days") ?? "30");
    if (!Number.isInteger(days) || days < 1 || days > 90) throw invalidRequest("'days' must be 1 to 90.", "days");
    const stub = stubFor(c, tenant);
    const [settings, summary, calibration] = await Promise.all([
      stub.readSettings(),
      stub.summary(Date.now() - days * 86_400_000),
      learningKv(c.env).get(calibrationKey(tenant), "json"),
    ]);
    return c.json({ object: "router.learning", tenant, scorer: SCORER_VERSION, settings, summary, calibration });
  })
  .put("/admin/learning/:tenant/settings", async (c) => {
    const tenant = tenantParam(c);
    const settings = validate(learningSettingsSchema, await readAdminJson(c.req.raw), sectionIssue("settings"));
    const stored = await stubFor(c, tenant).configure(tenant, settings);
    primeTenantState(learningKv(c.env), tenant, { settings: JSON.stringify(stored) }, Date.now(), SCORER_VERSION);
    return c.json({ object: "router.learning.settings", tenant, settings: stored });
  })
  .post("/admin/learning/:tenant/recalibrate", async (c) => {
    const tenant = tenantParam(c);
    const dryRun = c.req.query("dry_run") === "true";
    const result = await stubFor(c, tenant).recalibrate(tenant, { dryRun });
    if (result.published) await primeCalibration(c, tenant);
    return c.json({
      object: "router.learning.recalibration",
      tenant,
      published: result.published,
      dry_run: result.dryRun,
      reason: result.reason,
      calibration: result.calibration === null ? null : (JSON.parse(result.calibration) as unknown),
      evidence: JSON.parse(result.evidence) as unknown,
    });
  })
  .put("/admin/learning/:tenant/calibration", async (c) => {
    const tenant = tenantParam(c);
    const given = validate(calibrationSchema, await readAdminJson(c.req.raw), sectionIssue("calibration"));
    if (given.scorer !== SCORER_VERSION) {
      throw new RouterError(
        `This calibration was fitted for scorer ${given.scorer}; this deployment runs ${SCORER_VERSION}. Refit it.`,
        { status: 409, type: "invalid_request_error", param: "scorer", code: "scorer_mismatch" },
      );
    }
    const body: CalibrationBody = {
      source: given.source,
      scorer: given.scorer,
      target: given.target,
      tiers: given.tiers,
      adjustment: given.adjustment,
      evidence: given.evidence,
    };
    const text = await stubFor(c, tenant).publish(tenant, body);
    primeTenantState(learningKv(c.env), tenant, { calibration: text }, Date.now(), SCORER_VERSION);
    return c.json({ object: "router.learning.published", tenant, calibration: JSON.parse(text) as unknown });
  })
  .post("/admin/learning/:tenant/rollback", async (c) => {
    const tenant = tenantParam(c);
    const { version } = validate(rollbackSchema, await readAdminJson(c.req.raw, {}), sectionIssue("rollback"));
    let result;
    try {
      result = await stubFor(c, tenant).rollback(tenant, version);
    } catch (error) {
      throw notFound(String(error instanceof Error ? error.message : error), "calibration_not_found");
    }
    primeTenantState(learningKv(c.env), tenant, { calibration: result.text }, Date.now(), SCORER_VERSION);
    return c.json({ object: "router.learning.rollback", tenant, active_version: result.active, paused: true });
  })
  .get("/admin/learning/:tenant/calibrations/:version", async (c) => {
    const tenant = tenantParam(c);
    const version = Number(c.req.param("version"));
    if (!Number.isInteger(version) || version < 1)
      throw invalidRequest("'version' must be a positive integer.", "version");
    const text = await stubFor(c, tenant).calibrationText(version);
    if (text === null) throw notFound(`No calibration version ${version} for '${tenant}'.`, "calibration_not_found");
    return c.body(text, 200, { "content-type": "application/json" });
  });
