// The dashboard in a real headless browser: Debian's Chromium driven by playwright-core, against the
// deploy bundle served by bare workerd (tools/bench/workerd-server.ts: real KV and Durable
// Objects), with test traffic through the mock upstream (one provider failing, so a breaker opens).
// The open-mode tenant ("default") has learning settings (exploration, shadow comparisons, a target)
// set through the admin API before the traffic and is recalibrated after it, so the learning
// table has a fitted calibration to show. Signs in, checks that the charts and tables show all
// that, and saves a screenshot
// (.tmp/dashboard.png; DASHBOARD_SCREENSHOT=docs/dashboard.png, i.e. `npm run screenshot:dashboard`,
// refreshes the committed one). Skipped, with the reason printed, only where Chromium cannot be installed.
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startMockUpstream, type MockUpstream } from "../mock-upstream/server.ts";
import {
  buildBundle,
  removeBundle,
  serveBundle,
  type BuiltBundle,
  type RunningWorkerd,
} from "../../tools/bench/workerd-server.ts";
import { CHROMIUM_ARGS, ensureChromium } from "./browser.ts";

const found = ensureChromium();
if ("missing" in found) console.warn(`[dashboard-browser.test] SKIPPED: ${found.missing}`);

const TOKEN = "dashboard-test-token-0123456789";
const FAILING_MODEL = "mistral/mistral-small-2603";
const SCREENSHOT = process.env.DASHBOARD_SCREENSHOT ?? ".tmp/dashboard.png";

const PROMPTS = [
  "hi",
  "Translate 'good morning' into French.",
  "What is the capital of Portugal?",
  "Summarise in one sentence: the meeting moved to Thursday because the room was booked.",
  "Fix the grammar: 'me and him goes to the store yesterday'.",
  "Give me three names for a grey cat.",
  "Write a detailed 1500-word essay on the causes of the French Revolution, in five paragraphs, with sources.",
  "Prove that there are infinitely many primes, and derive the bound step by step.",
  "Refactor this module for testability and explain each step:\n```ts\nexport function run(db, http) {\n  const rows = db.query('select * from users');\n  for (const r of rows) http.post('/sync', r);\n}\n```",
  "Design a sharded rate limiter for a global API: data model, consistency trade-offs, failure modes, and a proof sketch that it never admits more than N requests per window.",
];

interface Sent {
  requests: number;
  /** Requests the router chose a model for (model "auto…"; pinned ones are overrides). */
  routed: number;
  models: Set<string>;
}

async function chat(base: string, body: Record<string, unknown>): Promise<Response> {
  const res = await fetch(`${base}/v1/chat/completions`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`test traffic: HTTP ${res.status} ${await res.text()}`);
  return res;
}

/** Test traffic: routed prompts of every size, objectives, streams, and a failing provider. */
async function sendTraffic(base: string): Promise<Sent> {
  const sent: Sent = { requests: 0, routed: 0, models: new Set() };
  const record = async (res: Response) => {
    sent.requests++;
    sent.models.add(res.headers.get("x-router-model") ?? "?");
    await res.text();
  };
  for (const [i, content] of PROMPTS.entries()) {
    const messages = [{ role: "user", content }];
    await record(await chat(base, { model: "auto", messages }));
    await record(await chat(base, { model: i % 2 ? "auto:quality" : "auto:cost", messages }));
    sent.routed += 2;
    if (i % 3 === 0) {
      await record(
        await chat(base, { model: "auto", messages, stream: true, stream_options: { include_usage: true } }),
      );
      sent.routed++;
    }
  }
  // The breaker opens after 5 consecutive failures; fallbacks answer every one of these requests.
  for (let i = 0; i < 6; i++) {
    await record(await chat(base, { model: FAILING_MODEL, messages: [{ role: "user", content: `ping ${i}` }] }));
  }
  return sent;
}

const LEARNING_SETTINGS = {
  exploration: { share: 0.1 },
  shadow: { enabled: true, share: 0.5, budget_usd_daily: 1 },
  // min_decisions lowered so that this test's few dozen routed requests are enough for a fit.
  calibration: { target: { kind: "strong_share", value: 0.3 }, auto: true, min_decisions: 10 },
};

/** An admin call for the open-mode tenant's learning state. */
async function learningAdmin(base: string, path: string, init: RequestInit = {}): Promise<any> {
  const res = await fetch(`${base}/admin/learning/default${path}`, {
    ...init,
    headers: { authorization: `Bearer ${TOKEN}`, "content-type": "application/json" },
  });
  if (res.status !== 200) throw new Error(`admin ${path}: HTTP ${res.status} ${await res.text()}`);
  return res.json();
}

/** Waits until the tenant's object has every request's decision and at least one shadow comparison. */
async function learningSettled(base: string, requests: number): Promise<any> {
  for (let i = 0; i < 150; i++) {
    const { summary } = await learningAdmin(base, "");
    if (summary.decisions.total >= requests && summary.shadow.requests > 0) return summary;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error("the tenant's decisions and shadow comparisons did not arrive");
}

describe.skipIf("missing" in found)("the dashboard in headless Chromium", () => {
  let mock: MockUpstream;
  let bundle: BuiltBundle;
  let server: RunningWorkerd;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  let sent: Sent;
  let fit: any;
  const problems: string[] = [];

  beforeAll(async () => {
    mock = await startMockUpstream();
    const down = await fetch(`${mock.url}/__mock/scenarios/down`, {
      method: "PUT",
      body: JSON.stringify({ rules: [{ fault: { type: "status", status: 503 } }] }),
    });
    expect(down.ok).toBe(true);
    bundle = buildBundle();
    server = await serveBundle(bundle, {
      vars: {
        DEV_UPSTREAM_URL: mock.url,
        ROUTER_AUTH: "open",
        ADMIN_TOKEN: TOKEN,
        MISTRAL_API_KEY: "sk-mistral-test-0123456789",
        MISTRAL_BASE_URL: `${mock.url}/s/down/v1`,
      },
    });
    await learningAdmin(server.base, "/settings", { method: "PUT", body: JSON.stringify(LEARNING_SETTINGS) });
    sent = await sendTraffic(server.base);
    await learningSettled(server.base, sent.requests);
    fit = await learningAdmin(server.base, "/recalibrate", { method: "POST" });
    browser = await chromium.launch({ executablePath: (found as { path: string }).path, args: CHROMIUM_ARGS });
    context = await browser.newContext({ viewport: { width: 1440, height: 1000 }, deviceScaleFactor: 1 });
    page = await context.newPage();
    page.on("console", (message) => {
      if (message.type() === "error") problems.push(message.text());
    });
    page.on("pageerror", (error) => problems.push(String(error)));
  }, 240_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    if (bundle) removeBundle(bundle);
    await mock?.close();
  });

  it("asks for the admin token and refuses a wrong one", async () => {
    const first = await page.goto(`${server.base}/dashboard`);
    expect(first?.status()).toBe(200);
    expect(first?.headers()["content-security-policy"]).toContain("script-src 'self'");
    await page.fill("#token", "not-the-token-at-all");
    await page.click("button[type=submit]");
    await expect(page.locator(".error").textContent()).resolves.toContain("not valid");
    expect(await page.locator("#token").count()).toBe(1);
  });

  it("signs in: the cookie is an HttpOnly, Secure, SameSite=Strict session, not the token", async () => {
    problems.length = 0; // the refused sign-in above logged its 401
    await page.fill("#token", TOKEN);
    await Promise.all([page.waitForURL(`${server.base}/dashboard`), page.click("button[type=submit]")]);
    await page.waitForSelector("body[data-loaded=true]", { timeout: 15_000 });
    const cookie = (await context.cookies()).find((c) => c.name === "__Host-triage_session");
    expect(cookie).toBeDefined();
    expect(cookie!.httpOnly).toBe(true);
    expect(cookie!.secure).toBe(true);
    expect(cookie!.sameSite).toBe("Strict");
    expect(cookie!.value).not.toContain(TOKEN);
    expect(await page.evaluate("document.cookie")).toBe(""); // not readable by scripts
  });

  it("shows the test traffic in the totals, the charts and the decisions table", async () => {
    const kpi = (label: string) =>
      page
        .locator(".kpi", { has: page.locator(".label", { hasText: label }) })
        .locator(".value")
        .textContent();
    expect(await kpi("Requests")).toBe(String(sent.requests));
    expect(await kpi("Last hour")).toBe(String(sent.requests));
    expect(await kpi("Saved")).toMatch(/^\$/);

    // Charts: spend and baseline bars per minute, tier bars, the tier-mix donut, daily bars.
    expect(await page.locator("#chart-spend svg rect").count()).toBeGreaterThanOrEqual(2);
    expect(await page.locator("#chart-tiers svg rect").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("#chart-mix svg circle").count()).toBeGreaterThanOrEqual(1);
    expect(await page.locator("#chart-mix").textContent()).toContain(String(sent.requests));
    expect(await page.locator("#chart-days svg rect").count()).toBeGreaterThanOrEqual(2);

    // Recent decisions: one row per request (at most 50), naming the models that answered.
    const rows = page.locator("#recent tbody tr");
    expect(await rows.count()).toBe(Math.min(sent.requests, 50));
    const table = (await page.locator("#recent").textContent()) ?? "";
    for (const model of sent.models) expect(table).toContain(model);
    expect(table).toContain("stream");
    expect(table).not.toContain("Prove that there are infinitely many primes"); // no prompt text, ever
  });

  it("shows provider health: the failing model's breaker is open", async () => {
    const breaker = page.locator("#health tbody tr", { hasText: FAILING_MODEL });
    expect(await breaker.locator(".pill").textContent()).toBe("open");
    expect(await page.locator("#health .chips").textContent()).toContain("mistral");
  });

  it("shows the tenant's learning state: calibration, target, traffic, shadow comparisons, last fit", async () => {
    expect(fit).toMatchObject({ published: true, reason: null, calibration: { version: 1 } });
    const row = page.locator("#learning tbody tr", { hasText: "default" });
    expect(await row.count()).toBe(1);
    const cells = await row.locator("td").allTextContents();
    expect(cells[0]).toBe("default");
    expect(await row.locator("td").nth(1).locator(".pill").allTextContents()).toEqual(["v1", "auto"]);
    expect(cells[2]).toBe("top-tier share 30 %");
    expect(cells[3]).toBe(String(sent.routed));
    expect(cells[5]).toContain("10 % set");
    expect(cells[7]).toBe("50 % ↑ / 0 % ↓");
    expect(Number(cells[8]!.split(" ")[0])).toBeGreaterThan(0); // shadow calls
    expect(cells[9]).toMatch(/^\$.* · \$1\.00\/day$/);
    expect(cells[11]).toMatch(/ok$/);
    expect(await page.locator("#learning-label").textContent()).toMatch(/shadow: \d+ calls/);
  });

  it("loads without script errors or CSP violations, and saves a screenshot", async () => {
    expect(problems).toEqual([]);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
  });

  it("refreshes on its own when new traffic arrives", async () => {
    await chat(server.base, { model: "auto", messages: [{ role: "user", content: "one more" }] });
    const value = page.locator(".kpi", { has: page.locator(".label", { hasText: "Requests" }) }).locator(".value");
    await expect.poll(() => value.textContent(), { timeout: 15_000 }).toBe(String(sent.requests + 1));
  });

  it("keeps the data API behind the session, and signs out", async () => {
    const anonymous = await fetch(`${server.base}/dashboard/api/summary`);
    expect(anonymous.status).toBe(401);
    await Promise.all([page.waitForURL(`${server.base}/dashboard`), page.click("button.link")]);
    expect(await page.locator("#token").count()).toBe(1);
    const after = await page.evaluate(async () => (await fetch("/dashboard/api/summary")).status);
    expect(after).toBe(401);
  });
});
