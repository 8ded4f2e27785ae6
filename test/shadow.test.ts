// Shadow comparisons through the real app and dispatch layer against the mock upstream: sampled,
// budget-capped, after the response, recorded with a verdict, and visible in stats.
import { describe, expect, it } from "vitest";
import type { FaultRule } from "./mock-upstream/faults.ts";
import { chatBody, jsonPost, scenario } from "./helpers.ts";
import { ADMIN, freshTenant, sqlRows, tenantApp } from "./learning-helpers.ts";
import { readSse } from "./sse.ts";
import { providersEnv } from "./test-catalog.ts";

const NANO = "gpt-4.1-nano"; // simple (served)
const MINI = "gpt-4.1-mini"; // moderate (the shadow)
const BIG = "gpt-4.1"; // complex (the judge, when configured)
const say = (model: string, text: string): FaultRule => ({ model, fault: { type: "text", text } });

async function setup(
  label: string,
  rules: FaultRule[],
  shadow: Record<string, unknown>,
  env: Record<string, string> = {},
) {
  const mock = await scenario(rules);
  const tenant = freshTenant(label);
  const app = tenantApp(tenant, await providersEnv(mock, ["openai"], env));
  const put = await app.admin("/settings", {
    method: "PUT",
    body: JSON.stringify({ shadow: { enabled: true, share: 1, budget_usd_daily: 1, ...shadow } }),
  });
  expect(put.status, await put.clone().text()).toBe(200);
  return { mock, tenant, app };
}

const models = async (mock: Awaited<ReturnType<typeof scenario>>) => (await mock.requests()).map((r) => r.model);
const shadowRows = (tenant: string) =>
  sqlRows(tenant, "SELECT decision_id, kind, label, detail FROM outcomes WHERE source = 'shadow'");

describe("shadow comparisons", () => {
  it("call the next tier up after the response, compare the answers, and record a labelled verdict", async () => {
    const { mock, tenant, app } = await setup(
      "disagree",
      [say(NANO, "The answer is 42."), say(MINI, "So the answer is 41.")],
      {},
    );
    const res = await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")));
    expect(res.headers.get("x-router-model")).toBe(`openai/${NANO}`);
    expect(((await res.json()) as any).choices[0].message.content).toBe("The answer is 42.");
    // The client has its answer; the shadow call happens in the background (waitUntil).
    await app.settle();
    expect(await models(mock)).toEqual([NANO, MINI]);
    const [row] = await shadowRows(tenant);
    expect(row).toMatchObject({
      decision_id: res.headers.get("x-router-decision-id"),
      kind: "disagree_number",
      label: 1,
    });
    expect(JSON.parse(String(row!.detail))).toMatchObject({ strong: `openai/${MINI}`, judge: null });
    expect(JSON.parse(String(row!.detail)).cost_usd).toBeGreaterThan(0);
  });

  it("never holds the client's response: a hanging stronger model only ends the shadow call (timeout)", async () => {
    // Both stronger models hang (the shadow, like any dispatch, falls back to the next candidate).
    const mock = await scenario([
      { model: MINI, fault: { type: "hang" } },
      { model: BIG, fault: { type: "hang" } },
    ]);
    const tenant = freshTenant("hang");
    const app = tenantApp(tenant, await providersEnv(mock, ["openai"], { ROUTER_SHADOW_TIMEOUT_MS: "1000" }));
    await app.admin("/settings", {
      method: "PUT",
      body: JSON.stringify({ shadow: { enabled: true, share: 1, budget_usd_daily: 1 } }),
    });
    const res = await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")));
    expect(res.status).toBe(200);
    await res.json();
    expect(await shadowRows(tenant)).toEqual([]); // the answer is out; the shadow call still waits
    await app.settle();
    expect((await shadowRows(tenant)).map((r) => [r.kind, r.label])).toEqual([["shadow_failed", null]]);
  });

  it("agreement (same final number, or the same text) labels the cheaper answer adequate", async () => {
    const { tenant, app } = await setup("agree", [say(NANO, "It is 1,200 in total."), say(MINI, "Total: 1200")], {});
    await (await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")))).json();
    // Streams too: compared once the client's stream has ended.
    await readSse(await app.call("/v1/chat/completions", jsonPost(chatBody("hello again", { stream: true }))));
    await app.settle();
    const rows = await shadowRows(tenant);
    expect(rows.map((r) => [r.kind, r.label])).toEqual([
      ["agree_number", 0.5],
      ["agree_number", 0.5],
    ]);
  });

  it("a failed cheap check on the served answer's side is a label for the stronger model", async () => {
    // Escalation off, so the refusal is served (and the shadow sees it).
    const mock = await scenario([{ model: NANO, fault: { type: "answer", answer: "refusal" } }]);
    const tenant = freshTenant("refusal");
    const app = tenantApp(tenant, await providersEnv(mock, ["openai"], { ROUTER_ESCALATION: "off" }));
    await app.admin("/settings", {
      method: "PUT",
      body: JSON.stringify({ shadow: { enabled: true, share: 1, budget_usd_daily: 1 } }),
    });
    await (await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")))).json();
    await app.settle();
    expect((await shadowRows(tenant)).map((r) => [r.kind, r.label])).toEqual([["cheap_failed_check", 1]]);
  });

  it("asks the tenant's judge when agreement cannot decide, and parses its verdict", async () => {
    const rules = [
      say(NANO, "Paris is the capital."),
      say(MINI, "The capital of France is Paris, a city on the Seine."),
      say(BIG, "Both are fine but B is more complete.\n**Verdict: B**"),
    ];
    const { mock, tenant, app } = await setup("judge", rules, { judge_model: `openai/${BIG}` });
    const res = await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")));
    await res.json();
    await app.settle();
    expect(await models(mock)).toEqual([NANO, MINI, BIG]);
    const judgeCall = (await mock.requests())[2]!.body as any;
    expect(judgeCall.messages[0].content).toContain("VERDICT: A");
    expect(judgeCall.messages[1].content).toContain("Paris is the capital.");
    const [row] = await shadowRows(tenant);
    // B is the cheaper answer or the stronger one depending on the order drawn from the decision id.
    expect(["judge_strong_better", "judge_cheap_better"]).toContain(row!.kind);
    const cheapIsB =
      judgeCall.messages[1].content.indexOf("Paris is the capital.") >
      judgeCall.messages[1].content.indexOf("[Answer B]");
    expect(row!.kind).toBe(cheapIsB ? "judge_cheap_better" : "judge_strong_better");
    expect(JSON.parse(String(row!.detail)).judge).toBe(`openai/${BIG}`);
  });

  it("is sampled and budget-capped: nothing is sent past the day's budget, and skips are counted", async () => {
    const none = await setup("share0", [], { share: 0 });
    await (await none.app.call("/v1/chat/completions", jsonPost(chatBody("hi there")))).json();
    await none.app.settle();
    expect(await models(none.mock)).toEqual([NANO]);

    const broke = await setup("budget", [], { budget_usd_daily: 1e-9 });
    for (let i = 0; i < 3; i++)
      await (await broke.app.call("/v1/chat/completions", jsonPost(chatBody(`hi ${i}`)))).json();
    await broke.app.settle();
    expect(await models(broke.mock)).toEqual([NANO, NANO, NANO]);
    const stats = await broke.app.call("/v1/router/stats?days=1", { headers: { authorization: `Bearer ${ADMIN}` } });
    const mine = ((await stats.json()) as any).learning.tenants.find((t: any) => t.tenant === broke.tenant);
    expect(mine.shadow).toMatchObject({ enabled: true, requests: 0, skipped_budget: 3, cost_usd: 0 });
  });

  it("downward (down_share): a top-tier answer is also asked of the tier below; the stronger answer stays the reference", async () => {
    const everythingComplex = { ROUTER_TIER_BOUNDARIES: "0.01,0.02" };
    const { mock, tenant, app } = await setup(
      "down",
      [say(BIG, "The answer is 42."), say(MINI, "So the answer is 41.")],
      { down_share: 1 },
      everythingComplex,
    );
    const res = await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")));
    expect(res.headers.get("x-router-tier")).toBe("complex");
    expect(((await res.json()) as any).choices[0].message.content).toBe("The answer is 42.");
    await app.settle();
    expect(await models(mock)).toEqual([BIG, MINI]);
    const [row] = await shadowRows(tenant);
    // The cheaper answer disagrees with the stronger one: a stronger model was needed (label 1).
    expect(row).toMatchObject({
      decision_id: res.headers.get("x-router-decision-id"),
      kind: "disagree_number",
      label: 1,
    });
    expect(JSON.parse(String(row!.detail))).toMatchObject({ direction: "down", cheap: `openai/${MINI}`, judge: null });

    const agree = await setup(
      "down-agree",
      [say(BIG, "Total: 1200"), say(MINI, "It is 1,200 in total.")],
      { down_share: 1 },
      everythingComplex,
    );
    await readSse(await agree.app.call("/v1/chat/completions", jsonPost(chatBody("hi", { stream: true }))));
    await agree.app.settle();
    expect((await shadowRows(agree.tenant)).map((r) => [r.kind, r.label])).toEqual([["agree_number", 0.5]]);

    // Off by default (down_share 0), and never when the caller asked for the top tier.
    const off = await setup("down-off", [], {}, everythingComplex);
    await (await off.app.call("/v1/chat/completions", jsonPost(chatBody("hi there")))).json();
    const asked = await setup("down-asked", [], { share: 0, down_share: 1 }, everythingComplex);
    await (
      await asked.app.call("/v1/chat/completions", jsonPost(chatBody("hi", { router: { min_tier: "complex" } })))
    ).json();
    await (await asked.app.call("/v1/chat/completions", jsonPost(chatBody("hi", { model: "auto:quality" })))).json();
    await off.app.settle();
    await asked.app.settle();
    expect(await models(off.mock)).toEqual([BIG]);
    expect(await models(asked.mock)).toEqual([BIG, BIG]);
    expect(await shadowRows(asked.tenant)).toEqual([]);
  });

  it("downward with a judge: the verdict maps to the cheaper answer, whichever position it was shown in", async () => {
    const rules = [
      say(BIG, "The capital of France is Paris, a city on the Seine."),
      say(MINI, "Paris is the capital."),
      say(NANO, "Both are fine but B is more complete.\n**Verdict: B**"),
    ];
    const { mock, tenant, app } = await setup(
      "down-judge",
      rules,
      { down_share: 1, judge_model: `openai/${NANO}` },
      { ROUTER_TIER_BOUNDARIES: "0.01,0.02" },
    );
    await (await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")))).json();
    await app.settle();
    expect(await models(mock)).toEqual([BIG, MINI, NANO]);
    const judgeCall = (await mock.requests())[2]!.body as any;
    const user = judgeCall.messages[1].content as string;
    const cheapIsB = user.indexOf("Paris is the capital.") > user.indexOf("[Answer B]");
    const [row] = await shadowRows(tenant);
    expect(row!.kind).toBe(cheapIsB ? "judge_cheap_better" : "judge_strong_better");
    expect(row!.label).toBe(cheapIsB ? 0 : 1);
  });

  it("never shadows answers from the top tier (without down_share), escalated answers, pinned models, or models the request excluded", async () => {
    const { mock, tenant, app } = await setup("never", [], {});
    const ask = async (body: string) => (await app.call("/v1/chat/completions", jsonPost(body))).json();
    await ask(chatBody("hi there", { router: { min_tier: "complex" } }));
    await ask(JSON.stringify({ model: `openai/${NANO}`, messages: [{ role: "user", content: "hi" }] }));
    await ask(chatBody("hi there", { router: { deny_models: [`openai/${MINI}`, `openai/${BIG}`] } }));
    await app.settle();
    expect(await models(mock)).toEqual([BIG, NANO, NANO]);
    expect(await shadowRows(tenant)).toEqual([]);

    const refused = await setup("never-escalated", [{ model: NANO, fault: { type: "answer", answer: "refusal" } }], {});
    const res = await refused.app.call("/v1/chat/completions", jsonPost(chatBody("hi there")));
    expect(res.headers.get("x-router-escalated")).toBe("refusal");
    await res.json();
    await refused.app.settle();
    expect(await models(refused.mock)).toEqual([NANO, MINI]);
    expect(await shadowRows(refused.tenant)).toEqual([]);
  });

  it("counts shadow spend in /v1/router/stats", async () => {
    const { tenant, app } = await setup("spend", [], {});
    await (await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")))).json();
    await app.settle();
    const res = await app.call("/v1/router/stats?days=1", { headers: { authorization: `Bearer ${ADMIN}` } });
    const body = (await res.json()) as any;
    const mine = body.learning.tenants.find((t: any) => t.tenant === tenant);
    expect(mine.shadow.requests).toBe(1);
    expect(mine.shadow.cost_usd).toBeGreaterThan(0);
    expect(Object.keys(mine.shadow.by_day)).toHaveLength(1);
    // The reservation was settled: nothing stays reserved, the actual cost is booked.
    const [day] = await sqlRows(tenant, "SELECT reserved_usd, cost_usd FROM shadow_days");
    expect(day!.reserved_usd).toBe(0);
    expect(day!.cost_usd).toBeCloseTo(mine.shadow.cost_usd, 8);
    expect(body.learning.shadow_cost_usd).toBeGreaterThanOrEqual(mine.shadow.cost_usd);
  });
});
