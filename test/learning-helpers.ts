// Helpers for the learning tests: the real app with a tenant set (as client auth will set it),
// an execution context whose waitUntil work the test can wait for, admin calls, and direct
// access to the tenant's Durable Object.
import { Hono } from "hono";
import {
  createExecutionContext,
  runDurableObjectAlarm,
  runInDurableObject,
  waitOnExecutionContext,
} from "cloudflare:test";
import type { AppEnv, Env } from "../src/env.ts";
import { createApp } from "../src/index.ts";
import { loadTenantState } from "../src/learning/online/learning-store.ts";
import { learningKv } from "../src/learning/store/learning-kv.ts";
import { SCORER_VERSION } from "../src/learning/store/scorer-version.ts";
import type { TenantLearning } from "../src/learning/store/learning-object.ts";
import { testEnv } from "./helpers.ts";

export const ADMIN = "admin-token-0123456789abcdef";
let counter = 0;

/** A fresh tenant name per test (each gets its own Durable Object and KV keys). */
export const freshTenant = (label: string) => `t-${label}-${Date.now().toString(36)}${(counter++).toString(36)}`;

/**
 * The app for one tenant. `settle()` waits for everything the requests handed to waitUntil
 * (decision records, shadow comparisons), including work scheduled while waiting.
 */
export function tenantApp(tenant: string, overrides: Partial<Env> = {}) {
  const app = new Hono<AppEnv>();
  app.use(async function setTenant(c, next) {
    c.set("tenant", tenant);
    await next();
  });
  app.route("/", createApp());
  const env = { ...testEnv, ADMIN_TOKEN: ADMIN, ...overrides } as Env;
  const ctx = createExecutionContext();
  const call = (path: string, init?: RequestInit) =>
    app.fetch(new Request(`http://router.test${path}`, init), env, ctx);
  return {
    env,
    call,
    settle: () => waitOnExecutionContext(ctx),
    admin: (path: string, init: RequestInit = {}) =>
      call(`/admin/learning/${tenant}${path}`, {
        ...init,
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json", ...init.headers },
      }),
    feedback: (body: unknown) =>
      call("/v1/feedback", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      }),
  };
}

export function learningObject(tenant: string) {
  const namespace = testEnv.TENANT_LEARNING!;
  return namespace.get(namespace.idFromName(tenant));
}

/** Rows of the tenant's SQLite tables (what is and is not stored). */
export async function sqlRows(tenant: string, query: string): Promise<Record<string, unknown>[]> {
  return runInDurableObject(learningObject(tenant), async (_instance: TenantLearning, state) => [
    ...state.storage.sql.exec(query),
  ]);
}

/** Runs the tenant's alarm now if one is set (automatic recalibration, retention). */
export const runAlarm = (tenant: string) => runDurableObjectAlarm(learningObject(tenant));

/** A hand-written calibration object for this scorer build, as an operator would PUT it. */
export function manualCalibration(boundaries: [number, number], extra: Record<string, unknown> = {}) {
  return {
    object: "router.calibration",
    tenant: "ignored",
    version: 1,
    parent_version: 0,
    created_at: "2026-01-01T00:00:00.000Z",
    source: "manual",
    scorer: SCORER_VERSION,
    target: null,
    tiers: { boundaries, uncertainty_band: 0 },
    adjustment: null,
    evidence: {},
    ...extra,
  };
}

let clockAhead = 0;

/**
 * What the learning TTL passing does, without waiting for it: re-reads the tenant's published state
 * into the isolate's cache the app routes with, on a clock ahead of the app's (so the app itself
 * leaves that copy alone until the next call), and waits for the read through a real execution context.
 */
export async function refreshLearningState(app: { env: Env }, tenant: string): Promise<void> {
  clockAhead += 24 * 60 * 60 * 1000;
  const ctx = createExecutionContext();
  await loadTenantState(learningKv(app.env), tenant, {
    scorer: SCORER_VERSION,
    ttlMs: 1_000,
    now: () => Date.now() + clockAhead,
    waitUntil: (promise) => ctx.waitUntil(promise),
  });
  await waitOnExecutionContext(ctx);
}
