// Done-when (a), end to end in workerd: two simulated tenants send 2,000 requests each through
// the real Worker (wasm scorer, KV, the TenantLearning Durable Object and its alarm, the mock
// upstream), rate a share of the answers, and the automatic recalibration brings each one's
// top-tier share from far off (the deployment's boundaries) to its target, 30% ± 3 pp. The light
// tenant starts from the fitted defaults, which put its short word problems almost all below the
// top tier; the heavy one from an operator's low boundaries (ROUTER_TIER_BOUNDARIES), which put
// most of its long ones in it. Then a new
// calibration is published and rolled back: the KV value is byte-identical to the previous one
// and every decision is the same as before. Seeded: the same run every time.
import { describe, expect, it } from "vitest";
import { calibrationKey } from "../src/learning/store/learning-keys.ts";
import { sigmoid } from "../src/learning/fit/logistic.ts";
import { rng } from "./support/tenant-simulator.ts";
import { chatBody, jsonPost, scenario, testEnv } from "./helpers.ts";
import { freshTenant, refreshLearningState, runAlarm, tenantApp } from "./learning-helpers.ts";
import { wordProblems } from "./fixtures/word-problems.ts";
import { providersEnv } from "./test-catalog.ts";

const REQUESTS = 2_000;
const TARGET = 0.3;
const TOLERANCE = 0.03;
const PROBES = 1_000;

type App = ReturnType<typeof tenantApp>;

/** The tier /v1/route decides for each probe prompt (the policy: /v1/route never explores). */
async function decide(app: App, prompts: readonly string[]) {
  const tiers: string[] = [];
  for (const prompt of prompts) {
    const res = await app.call("/v1/route", jsonPost(chatBody(prompt)));
    tiers.push(((await res.json()) as any).tier);
  }
  return tiers;
}
const topShare = (tiers: readonly string[]) => tiers.filter((t) => t === "complex").length / tiers.length;

/** Requests with feedback: a thumbs down when a cheaper tier answered a prompt a stronger model would have done better. */
async function traffic(app: App, tenant: string, next: () => string, requests: number, seed: number) {
  const random = rng(seed);
  for (let i = 1; i <= requests; i++) {
    const res = await app.call("/v1/chat/completions", jsonPost(chatBody(next())));
    await res.json();
    const score = Number(res.headers.get("x-router-score"));
    const strongBetter = random() < sigmoid(60 * (score - 0.5)); // more steps, higher score: more often

    if (random() < 0.5) {
      const thumbs = res.headers.get("x-router-tier") !== "complex" && strongBetter ? "down" : "up";
      await app.feedback({ decision_id: res.headers.get("x-router-decision-id"), thumbs });
    }
    if (i % 200 === 0) {
      await app.settle();
      await runAlarm(tenant); // the Durable Object's alarm: refits when due (every 200 decisions here)
      await refreshLearningState(app, tenant); // as ROUTER_LEARNING_TTL_SECONDS passing would
    }
  }
  await app.settle();
}

async function tenantRun(label: string, steps: number[], env: Record<string, string> = {}) {
  const mock = await scenario();
  const tenant = freshTenant(label);
  const app = tenantApp(tenant, await providersEnv(mock, ["openai"], env));
  const settings = {
    calibration: {
      target: { kind: "strong_share", value: TARGET },
      auto: true,
      every_decisions: 200,
      min_decisions: 200,
      min_interval_seconds: 0,
    },
  };
  expect((await app.admin("/settings", { method: "PUT", body: JSON.stringify(settings) })).status).toBe(200);
  const probe = wordProblems(777, steps);
  const probes = Array.from({ length: PROBES }, probe);
  const before = topShare(await decide(app, probes));
  await traffic(app, tenant, wordProblems(label === "heavy" ? 1 : 2, steps), REQUESTS, 3);
  await refreshLearningState(app, tenant); // the last version
  const after = await decide(app, probes);
  return { app, tenant, probes, before, after: topShare(after), afterTiers: after };
}

describe("automatic calibration, end to end", () => {
  it("a tenant sent too much to the top tier converges to 30% ± 3 pp within 2,000 requests", async () => {
    const run = await tenantRun("heavy", [5, 6], { ROUTER_TIER_BOUNDARIES: "0.44,0.47" });
    console.log(`heavy: top-tier share ${run.before.toFixed(3)} (defaults) -> ${run.after.toFixed(3)}`);
    expect(run.before).toBeGreaterThan(0.45);
    expect(Math.abs(run.after - TARGET)).toBeLessThanOrEqual(TOLERANCE);
  }, 240_000);

  it("a tenant sent too little converges to 30% ± 3 pp, and rollback restores the previous version exactly", async () => {
    const run = await tenantRun("light", [1, 2, 3]);
    console.log(`light: top-tier share ${run.before.toFixed(3)} (defaults) -> ${run.after.toFixed(3)}`);
    expect(run.before).toBeLessThan(0.1); // far below the target: at least 20 pp to make up
    expect(Math.abs(run.after - TARGET)).toBeLessThanOrEqual(TOLERANCE);

    // Publish one more version (traffic of another shape, refit now), then roll it back.
    const kv = testEnv.LEARNING!;
    const previousText = await kv.get(calibrationKey(run.tenant), "text");
    const previous = JSON.parse(previousText!);
    await traffic(run.app, run.tenant, wordProblems(9, [5, 6]), 400, 4);
    const refit = (await (await run.app.admin("/recalibrate", { method: "POST" })).json()) as any;
    expect(refit.published).toBe(true);
    expect(refit.calibration.parent_version).toBeGreaterThanOrEqual(previous.version);
    expect(await decide(run.app, run.probes)).not.toEqual(run.afterTiers);

    // Roll back to the version in force before (one call; by default, the active one's parent).
    const rollback = await run.app.admin("/rollback", {
      method: "POST",
      body: JSON.stringify({ version: previous.version }),
    });
    expect(await rollback.json()).toMatchObject({ active_version: previous.version, paused: true });
    expect(await kv.get(calibrationKey(run.tenant), "text")).toBe(previousText);
    expect(await decide(run.app, run.probes)).toEqual(run.afterTiers);
    // A rollback pauses automatic fits: more evidence does not replace it.
    await traffic(run.app, run.tenant, wordProblems(10, [5, 6]), 200, 5);
    expect(await kv.get(calibrationKey(run.tenant), "text")).toBe(previousText);
  }, 300_000);
});
