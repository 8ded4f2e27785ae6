// A tenant's calibration in the Worker: published through the admin API (or fitted by its
// Durable Object), applied without redeploy, never breaking routing on a bad value, rolled back
// in one call; exploration bounded and visible.
import { describe, expect, it, vi } from "vitest";
import { calibrationKey } from "../src/learning/store/learning-keys.ts";
import { chatBody, jsonPost, testEnv } from "./helpers.ts";
import { countingKv, sleep } from "./kv-helpers.ts";
import { freshTenant, manualCalibration, refreshLearningState, sqlRows, tenantApp } from "./learning-helpers.ts";

const PROMPT = "Prove that there are infinitely many primes, and derive the bound step by step.";

async function routeOf(app: ReturnType<typeof tenantApp>, prompt = PROMPT) {
  return (await (await app.call("/v1/route", jsonPost(chatBody(prompt)))).json()) as any;
}

describe("calibration in the Worker", () => {
  it("applies a published calibration at once, says so, and rolls back to the defaults in one call", async () => {
    const tenant = freshTenant("apply");
    const app = tenantApp(tenant);
    const before = await routeOf(app);
    expect(before.calibration_version).toBe(0);
    // Boundaries below every score: everything is complex for this tenant.
    const put = await app.admin("/calibration", {
      method: "PUT",
      body: JSON.stringify(manualCalibration([0.01, 0.02])),
    });
    expect(put.status).toBe(200);
    const published = ((await put.json()) as any).calibration;
    expect(published).toMatchObject({ tenant, version: 1, parent_version: 0 });
    const after = await routeOf(app);
    expect(after).toMatchObject({ calibration_version: 1, decided_tier: "complex", tier: "complex" });
    const chat = await app.call("/v1/chat/completions", jsonPost(chatBody(PROMPT)));
    expect(chat.headers.get("x-router-calibration")).toBe("v1");
    expect(chat.headers.get("x-router-tier")).toBe("complex");
    // Another tenant is not affected.
    expect((await routeOf(tenantApp(freshTenant("other")))).calibration_version).toBe(0);

    const rollback = await app.admin("/rollback", { method: "POST" });
    expect(await rollback.json()).toMatchObject({ active_version: 0, paused: true });
    expect(await testEnv.LEARNING!.get(calibrationKey(tenant))).toBeNull();
    const back = await routeOf(app);
    // Latency estimates moved with the chat call in between (the tracker learns from every answer).
    const routing = (d: any) => ({
      ...d,
      request_id: 0,
      decision_us: 0,
      candidates: d.candidates.map((c: any) => ({ ...c, est_latency_ms: 0 })),
    });
    expect(routing(back)).toEqual(routing(before));
  });

  it("refuses a calibration fitted for another scorer build, and ignores one written to KV behind its back", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const tenant = freshTenant("scorer");
    const app = tenantApp(tenant);
    const put = await app.admin("/calibration", {
      method: "PUT",
      body: JSON.stringify(manualCalibration([0.01, 0.02], { scorer: "another-build" })),
    });
    expect(put.status).toBe(409);
    expect(((await put.json()) as any).error.code).toBe("scorer_mismatch");
    const kv = countingKv(testEnv.SPARE_KV_C);
    await kv.putRaw(
      calibrationKey(tenant),
      JSON.stringify(manualCalibration([0.01, 0.02], { scorer: "another-build" })),
    );
    const direct = tenantApp(tenant, { LEARNING: kv.kv });
    expect((await routeOf(direct)).calibration_version).toBe(0);
  });

  it("keeps the last good calibration when KV holds a bad value, and never fails a request over it", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const tenant = freshTenant("bad");
    const kv = countingKv(testEnv.SPARE_KV_C);
    const app = tenantApp(tenant, { LEARNING: kv.kv });
    await kv.putRaw(calibrationKey(tenant), JSON.stringify(manualCalibration([0.01, 0.02])));
    expect((await routeOf(app)).calibration_version).toBe(1);
    for (const bad of ["{not json", JSON.stringify(manualCalibration([0.5, 0.4])), JSON.stringify({ version: 2 })]) {
      await kv.putRaw(calibrationKey(tenant), bad);
      await refreshLearningState(app, tenant);
      const decision = await routeOf(app);
      expect(decision).toMatchObject({ calibration_version: 1, tier: "complex" });
    }
    // Corrupt settings do not break routing either.
    await kv.putRaw(`learning:${tenant}`, "[]");
    await refreshLearningState(app, tenant);
    const chat = await app.call("/v1/chat/completions", jsonPost(chatBody(PROMPT)));
    expect(chat.status).toBe(200);
    // A good calibration is picked up again: the refreshes above did run.
    await kv.putRaw(calibrationKey(tenant), JSON.stringify(manualCalibration([0.01, 0.02], { version: 3 })));
    await refreshLearningState(app, tenant);
    expect((await routeOf(app)).calibration_version).toBe(3);
  }, 20_000);

  it("the app itself picks up a new calibration once ROUTER_LEARNING_TTL_SECONDS has passed (real time)", async () => {
    // The one test that waits the TTL out in real time: the others refresh through the loader on a
    // clock of their own, so only this one shows that the app passes its TTL and refreshes on a request.
    const tenant = freshTenant("ttl");
    const kv = countingKv(testEnv.SPARE_KV_C);
    const app = tenantApp(tenant, { LEARNING: kv.kv, ROUTER_LEARNING_TTL_SECONDS: "1" });
    await kv.putRaw(calibrationKey(tenant), JSON.stringify(manualCalibration([0.01, 0.02])));
    expect((await routeOf(app)).calibration_version).toBe(1);
    await kv.putRaw(calibrationKey(tenant), JSON.stringify(manualCalibration([0.01, 0.02], { version: 2 })));
    expect((await routeOf(app)).calibration_version).toBe(1); // within the TTL: the cached state
    await sleep(1_100);
    await routeOf(app); // past the TTL: served from the cache, refreshed in the background
    await app.settle();
    expect((await routeOf(app)).calibration_version).toBe(2);
  });

  it("routes with the defaults when the learning KV hangs on the first read (bounded wait)", async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
    const app = tenantApp(freshTenant("hang"), { LEARNING: countingKv(testEnv.SPARE_KV_C, "hang").kv });
    const started = Date.now();
    const res = await app.call("/v1/chat/completions", jsonPost(chatBody("hi")));
    expect(res.status).toBe(200);
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(res.headers.get("x-router-calibration")).toBeNull();
  });

  it("applies a score adjustment to the score the boundaries see", async () => {
    const tenant = freshTenant("adjust");
    const app = tenantApp(tenant);
    const raw = (await routeOf(app)).score;
    const adjustment = { intercept: 2, score_weight: 1, features: [] };
    await app.admin("/calibration", {
      method: "PUT",
      body: JSON.stringify(manualCalibration([0.3, 0.9], { adjustment })),
    });
    const adjusted = (await routeOf(app)).score;
    const logit = Math.log(raw / (1 - raw));
    expect(adjusted).toBeCloseTo(1 / (1 + Math.exp(-(2 + logit))), 6);
  });

  it("dry-run recalibration shows what it would publish without publishing it", async () => {
    const tenant = freshTenant("dry");
    const app = tenantApp(tenant);
    await app.admin("/settings", {
      method: "PUT",
      body: JSON.stringify({ calibration: { target: { kind: "strong_share", value: 0.5 }, min_decisions: 10 } }),
    });
    for (let i = 0; i < 12; i++)
      await (await app.call("/v1/chat/completions", jsonPost(chatBody(`hi ${i} ${"x ".repeat(i)}`)))).json();
    await app.settle();
    const dry = (await (await app.admin("/recalibrate?dry_run=true", { method: "POST" })).json()) as any;
    expect(dry).toMatchObject({ published: false, dry_run: true, reason: null });
    expect(dry.calibration).toMatchObject({
      version: 1,
      source: "online",
      target: { kind: "strong_share", value: 0.5 },
    });
    expect(await testEnv.LEARNING!.get(calibrationKey(tenant))).toBeNull();
    const real = (await (await app.admin("/recalibrate", { method: "POST" })).json()) as any;
    expect(real.published).toBe(true);
    expect(JSON.parse((await testEnv.LEARNING!.get(calibrationKey(tenant)))!)).toEqual(real.calibration);
    const stored = await app.admin("/calibrations/1");
    expect(await stored.text()).toBe(await testEnv.LEARNING!.get(calibrationKey(tenant)));
  });
});

describe("exploration", () => {
  it("serves a bounded share of top-tier requests one tier down, says so, records it, and never in /v1/route", async () => {
    const tenant = freshTenant("explore");
    const app = tenantApp(tenant);
    await app.admin("/calibration", { method: "PUT", body: JSON.stringify(manualCalibration([0.01, 0.02])) });
    await app.admin("/settings", { method: "PUT", body: JSON.stringify({ exploration: { share: 0.2 } }) });
    let explored = 0;
    for (let i = 0; i < 100; i++) {
      const res = await app.call("/v1/chat/completions", jsonPost(chatBody(PROMPT)));
      await res.json();
      if (res.headers.get("x-router-explore")) {
        explored++;
        expect(res.headers.get("x-router-explore")).toBe("down;from=complex");
        expect(res.headers.get("x-router-tier")).toBe("moderate");
      } else expect(res.headers.get("x-router-tier")).toBe("complex");
    }
    expect(explored).toBeGreaterThan(8);
    expect(explored).toBeLessThan(35);
    // What the client asked for is never explored.
    const pinned = await app.call(
      "/v1/chat/completions",
      jsonPost(chatBody(PROMPT, { router: { min_tier: "complex" } })),
    );
    expect(pinned.headers.get("x-router-explore")).toBeNull();
    for (let i = 0; i < 20; i++) expect((await routeOf(app)).tier).toBe("complex");
    await app.settle();
    const [row] = await sqlRows(tenant, "SELECT SUM(explored) AS n FROM decisions");
    expect(row!.n).toBe(explored);
    const settings = await app.admin("/settings", {
      method: "PUT",
      body: JSON.stringify({ exploration: { share: 0.5 } }),
    });
    expect(settings.status).toBe(400);
  });
});

describe("learning switched off", () => {
  it("gives no decision id, records nothing, and refuses feedback clearly", async () => {
    const app = tenantApp(freshTenant("off"), { ROUTER_LEARNING: "off" });
    const res = await app.call("/v1/chat/completions", jsonPost(chatBody("hi")));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-decision-id")).toBeNull();
    const feedback = await app.feedback({ decision_id: "dec_aaaaaaaaaaaaaaaaaaaaaaaaaa", thumbs: "up" });
    expect(feedback.status).toBe(501);
  });
});
