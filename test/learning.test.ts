// Decision ids, feedback and what is stored, through the real app in workerd (Durable Object,
// KV) against the mock upstream.
import { describe, expect, it } from "vitest";
import { DECISION_ID } from "../src/learning/online/decision-id.ts";
import { FEATURE_NAMES } from "../src/score/feature-names.ts";
import { chatBody, jsonPost } from "./helpers.ts";
import type { DecisionRecord } from "../src/learning/store/records.ts";
import { freshTenant, learningObject, runAlarm, sqlRows, tenantApp } from "./learning-helpers.ts";

/** A stored row back as the record the Worker sends. */
function decisionOf(row: Record<string, unknown>): DecisionRecord {
  return {
    id: String(row.id),
    at: Number(row.at),
    score: Number(row.score),
    rawScore: Number(row.raw_score),
    stage: String(row.stage),
    objective: row.objective as DecisionRecord["objective"],
    decidedTier: row.decided_tier as DecisionRecord["decidedTier"],
    servedTier: row.served_tier as DecisionRecord["servedTier"],
    explored: row.explored === 1,
    minTier: null,
    stickyTier: null,
    capTier: null,
    model: String(row.model),
    costUsd: null,
    calibrationVersion: 0,
    scorer: String(row.scorer),
    features: null,
    prompt: null,
    answerCheck: null,
  };
}
import { readSse } from "./sse.ts";

async function routed(app: ReturnType<typeof tenantApp>, content = "hi there", extra: Record<string, unknown> = {}) {
  const res = await app.call("/v1/chat/completions", jsonPost(chatBody(content, extra)));
  expect(res.status).toBe(200);
  if (extra.stream) await readSse(res);
  else await res.json();
  await app.settle();
  return res.headers.get("x-router-decision-id")!;
}

describe("decision ids", () => {
  it("every routed response carries a fresh decision id (JSON and stream), independent of x-request-id", async () => {
    const app = tenantApp(freshTenant("ids"));
    const a = await app.call("/v1/chat/completions", jsonPost(chatBody("hi"), { "x-request-id": "same-id" }));
    const b = await app.call("/v1/chat/completions", jsonPost(chatBody("hi"), { "x-request-id": "same-id" }));
    const s = await app.call("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true })));
    await Promise.all([a.json(), b.json(), readSse(s)]);
    const ids = [a, b, s].map((r) => r.headers.get("x-router-decision-id"));
    for (const id of ids) expect(id).toMatch(DECISION_ID);
    expect(new Set(ids).size).toBe(3);
    expect(a.headers.get("x-router-calibration")).toBeNull(); // the deployment defaults apply
    expect(a.headers.get("x-router-explore")).toBeNull();
  });
});

describe("POST /v1/feedback", () => {
  it("records, repeats idempotently, replaces, and labels only answers below the top tier", async () => {
    const tenant = freshTenant("fb");
    const app = tenantApp(tenant);
    const id = await routed(app);
    const first = await app.feedback({ decision_id: id, thumbs: "down" });
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ object: "router.feedback", decision_id: id, status: "recorded", label: 1 });
    expect(((await (await app.feedback({ decision_id: id, thumbs: "down" })).json()) as any).status).toBe("unchanged");
    const replaced = (await (await app.feedback({ decision_id: id, score: 0.8 })).json()) as any;
    expect(replaced).toMatchObject({ status: "replaced", label: 0.6 });
    const rows = await sqlRows(tenant, "SELECT kind, value, label FROM outcomes");
    expect(rows).toEqual([{ kind: "score", value: 0.8, label: 0.6 }]);

    // An answer served at the top tier is rated, but says nothing about a cheaper one.
    const top = await routed(app, "hi there", { router: { min_tier: "complex" } });
    expect(((await (await app.feedback({ decision_id: top, escalate_needed: true })).json()) as any).label).toBeNull();
  });

  it("refuses bad bodies with a 400 naming the field, unknown ids with a 404, other tenants' ids too", async () => {
    const tenant = freshTenant("fb-bad");
    const app = tenantApp(tenant);
    const id = await routed(app);
    const cases: [unknown, string | null][] = [
      [{ decision_id: "nope", thumbs: "up" }, "decision_id"],
      [{ decision_id: id, thumbs: "sideways" }, "thumbs"],
      [{ decision_id: id, score: 1.5 }, "score"],
      [{ decision_id: id, thumbs: "up", score: 1 }, null],
      [{ decision_id: id }, null],
      [{ decision_id: id, thumbs: "up", comment: "free text" }, "comment"],
    ];
    for (const [body, param] of cases) {
      const res = await app.feedback(body);
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.param).toBe(param);
    }
    const invalidJson = await app.call("/v1/feedback", { method: "POST", body: "{" });
    expect(invalidJson.status).toBe(400);
    const unknown = await app.feedback({ decision_id: "dec_aaaaaaaaaaaaaaaaaaaaaaaaaa", thumbs: "up" });
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error.code).toBe("decision_not_found");
    // Another tenant cannot rate this tenant's decision (it lives in this tenant's Durable Object).
    const other = tenantApp(freshTenant("fb-other"));
    expect((await other.feedback({ decision_id: id, thumbs: "up" })).status).toBe(404);
  });

  it("is bounded in time: past the tenant's feedback window a decision is expired (410)", async () => {
    const tenant = freshTenant("fb-window");
    const app = tenantApp(tenant);
    const id = await routed(app);
    const object = learningObject(tenant);
    // One hour window; feedback "two hours later" (the Durable Object takes the time as an argument).
    const stored = await object.readSettings();
    await object.configure(tenant, { ...stored, feedback_window_hours: 1 });
    expect(await object.feedback(tenant, id, { thumbs: "up" }, Date.now() + 2 * 3_600_000)).toEqual({
      status: "expired",
    });
    expect((await object.feedback(tenant, id, { thumbs: "up" })).status).toBe("recorded");
  });
});

describe("what a decision record keeps", () => {
  it("features, scores, tiers, model and cost, but no prompt text unless the tenant opted in", async () => {
    const tenant = freshTenant("privacy");
    const app = tenantApp(tenant);
    const secret = "my secret prompt text 4242";
    await routed(app, secret);
    await routed(app, secret, { stream: true, stream_options: { include_usage: true } });
    const rows = await sqlRows(tenant, "SELECT * FROM decisions");
    expect(rows).toHaveLength(2);
    for (const row of rows) {
      expect(row.prompt).toBeNull();
      expect(row.model).toBe("openai/gpt-4.1-nano");
      expect(row.cost_usd).toBeGreaterThan(0);
      expect(new Float32Array(row.features as ArrayBuffer)).toHaveLength(FEATURE_NAMES.length);
      expect(JSON.stringify(row)).not.toContain("4242");
    }
    const put = await app.admin("/settings", { method: "PUT", body: JSON.stringify({ store_prompts: true }) });
    expect(put.status).toBe(200);
    await routed(app, secret);
    const stored = await sqlRows(tenant, "SELECT prompt FROM decisions WHERE prompt IS NOT NULL");
    expect(stored).toEqual([{ prompt: secret }]);
  });
});

describe("retention", () => {
  it("the tenant object's alarm deletes decisions and outcomes past retention_days", async () => {
    const tenant = freshTenant("retention");
    const app = tenantApp(tenant);
    const fresh = await routed(app);
    await app.feedback({ decision_id: fresh, thumbs: "up" });
    const object = learningObject(tenant);
    await object.configure(tenant, { ...(await object.readSettings()), retention_days: 1 });
    const [row] = await sqlRows(tenant, "SELECT * FROM decisions");
    const old = { ...decisionOf(row!), id: "dec_old", at: Date.now() - 2 * 86_400_000 };
    expect(await object.recordDecisions(tenant, [old])).toBe(1);
    expect(await runAlarm(tenant)).toBe(true);
    expect((await sqlRows(tenant, "SELECT id FROM decisions")).map((r) => r.id)).toEqual([fresh]);
    expect(await sqlRows(tenant, "SELECT decision_id FROM outcomes")).toEqual([{ decision_id: fresh }]);
  });
});

describe("learning in /v1/router/stats and the admin API", () => {
  it("lists the tenant with its decisions, feedback and calibration state", async () => {
    const tenant = freshTenant("stats");
    const app = tenantApp(tenant);
    const id = await routed(app);
    await app.feedback({ decision_id: id, thumbs: "up" });
    const res = await app.call("/v1/router/stats?days=1", {
      headers: { authorization: "Bearer admin-token-0123456789abcdef" },
    });
    expect(res.status).toBe(200);
    const mine = ((await res.json()) as any).learning.tenants.find((t: any) => t.tenant === tenant);
    expect(mine.decisions).toMatchObject({ total: 1, routed: 1, explored: 0, stored_prompts: 0 });
    expect(mine.feedback).toMatchObject({ total: 1, up: 1, labels: 1 });
    expect(mine.calibration).toMatchObject({ active_version: 0, versions: [], auto: false });
    const detail = (await (await app.admin("")).json()) as any;
    expect(detail).toMatchObject({ object: "router.learning", tenant, calibration: null });
    expect(detail.settings.shadow.enabled).toBe(false);
    expect((await app.call(`/admin/learning/${tenant}`)).status).toBe(401);
    for (const shadow of [{ share: 1.5 }, { down_share: -0.1 }])
      expect((await app.admin("/settings", { method: "PUT", body: JSON.stringify({ shadow }) })).status).toBe(400);
    expect(detail.settings.shadow.down_share).toBe(0); // off by default
  });
});
