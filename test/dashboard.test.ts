// /dashboard through the real app in workerd: sign-in, session cookie, security headers, and the
// data API over real Durable Object state (the browser test drives the same thing in Chromium).
import { describe, expect, it, vi } from "vitest";
import { CLIENT_FILES } from "../src/dashboard/assets.generated.ts";
import { ASSET_BASE } from "../src/dashboard/pages.ts";
import { appWithEnv, chatBody, jsonPost, testEnv, type AppCall } from "./helpers.ts";
import { ADMIN, freshTenant, manualCalibration, tenantApp } from "./learning-helpers.ts";

const TOKEN = "dashboard-token-0123456789abcdef";
const ORIGIN = "http://router.test";

const login = (call: AppCall, token: string, headers: Record<string, string> = {}) =>
  call("/dashboard/login", {
    method: "POST",
    headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN, ...headers },
    body: new URLSearchParams({ token }).toString(),
  });

/** Every module specifier an ES module's source imports (static, side-effect and dynamic imports). */
const importsOf = (source: string) =>
  [...source.matchAll(/\b(?:from|import)\s*\(?\s*"([^"]+)"/g)].map((match) => match[1]!);

async function signedIn(call: AppCall) {
  const res = await login(call, TOKEN);
  expect(res.status).toBe(303);
  const cookie = res.headers.get("set-cookie")!;
  return cookie.split(";")[0]!;
}

describe("/dashboard", () => {
  it("is disabled without an admin token", async () => {
    const res = await appWithEnv({ ADMIN_TOKEN: undefined })("/dashboard");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("wrangler secret put ADMIN_TOKEN");
  });

  it("says how to configure stats when the RouterStats object is not bound (dashboard and stats API)", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN, ROUTER_STATS: undefined });
    const cookie = await signedIn(call);
    for (const res of [
      await call("/dashboard/api/summary", { headers: { cookie } }),
      await call("/v1/router/stats", { headers: { authorization: `Bearer ${TOKEN}` } }),
    ]) {
      expect(res.status).toBe(501);
      expect(((await res.json()) as any).error).toMatchObject({ code: "stats_unavailable" });
    }
  });

  it("shows the sign-in form with a strict CSP", async () => {
    const res = await appWithEnv({ ADMIN_TOKEN: TOKEN })("/dashboard");
    expect(res.status).toBe(200);
    const csp = res.headers.get("content-security-policy")!;
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain("unsafe-inline");
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(res.headers.get("cache-control")).toBe("no-store");
    const html = await res.text();
    expect(html).toContain('action="/dashboard/login"');
    expect(html).not.toMatch(/<script>|style=/); // nothing inline
  });

  it("refuses a wrong token, a cross-site form and an oversized body", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const wrong = await login(call, "wrong-token-0123456789");
    expect(wrong.status).toBe(401);
    expect(wrong.headers.get("set-cookie")).toBeNull();
    const crossSite = await login(call, TOKEN, { origin: "https://evil.example" });
    expect(crossSite.status).toBe(403);
    expect(crossSite.headers.get("set-cookie")).toBeNull();
    const fetchSite = await login(call, TOKEN, { origin: "", "sec-fetch-site": "cross-site" });
    expect(fetchSite.status).toBe(403);
    const big = await call("/dashboard/login", {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", origin: ORIGIN },
      body: `token=${"a".repeat(5000)}`,
    });
    expect(big.status).toBe(413);
  });

  it("signs in with a signed, HttpOnly, Secure, SameSite=Strict session cookie (not the token)", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const res = await login(call, TOKEN);
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/dashboard");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toMatch(/^__Host-triage_session=v2\./);
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("Secure");
    expect(cookie).toContain("SameSite=Strict");
    expect(cookie).toContain("Path=/");
    expect(cookie).not.toContain(TOKEN);
    const page = await call("/dashboard", { headers: { cookie: cookie.split(";")[0]! } });
    expect(await page.text()).toContain(`<script type="module" src="${ASSET_BASE}/app.js"></script>`);
  });

  it("keeps the data API behind the session, and a rotated token signs sessions out", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    expect((await call("/dashboard/api/summary")).status).toBe(401);
    const cookie = await signedIn(call);
    expect((await call("/dashboard/api/summary", { headers: { cookie } })).status).toBe(200);
    const rotated = appWithEnv({ ADMIN_TOKEN: "rotated-token-0123456789abcdef" });
    expect((await rotated("/dashboard/api/summary", { headers: { cookie } })).status).toBe(401);
    expect((await call("/dashboard/api/summary?minutes=0", { headers: { cookie } })).status).toBe(400);
  });

  it("logout ends the session server-side: the same cookie no longer works, in any isolate", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const cookie = await signedIn(call);
    const otherIsolate = appWithEnv({ ADMIN_TOKEN: TOKEN });
    expect((await otherIsolate("/dashboard/api/summary", { headers: { cookie } })).status).toBe(200);
    const out = await call("/dashboard/logout", { method: "POST", headers: { cookie, origin: ORIGIN } });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toContain("Max-Age=0");
    // A copy of the cookie kept by anyone (the browser cleared its own) is dead everywhere.
    expect((await call("/dashboard/api/summary", { headers: { cookie } })).status).toBe(401);
    expect((await otherIsolate("/dashboard/api/summary", { headers: { cookie } })).status).toBe(401);
    expect(await (await call("/dashboard", { headers: { cookie } })).text()).toContain('action="/dashboard/login"');
    // Signing in again gives a new, working session.
    const again = await signedIn(call);
    expect((await call("/dashboard/api/summary", { headers: { cookie: again } })).status).toBe(200);
  });

  it("reports traffic: totals, per-minute rows and recent decisions without prompt text", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const cookie = await signedIn(call);
    const before = (await (await call("/dashboard/api/summary", { headers: { cookie } })).json()) as any;
    const secret = "dashboard-prompt-text-must-not-leak";
    const routed = await call("/v1/chat/completions", jsonPost(chatBody(secret)));
    expect(routed.status).toBe(200);
    const requestId = routed.headers.get("x-router-request-id");
    await call.settle(); // the record stage runs after the response
    const res = await call("/dashboard/api/summary", { headers: { cookie } });
    const text = await res.text();
    expect(text).not.toContain(secret);
    const after = JSON.parse(text);
    expect(after.stats.totals.requests - before.stats.totals.requests).toBe(1);
    const minutes = (data: any) => data.minutes.reduce((n: number, m: any) => n + m.requests, 0);
    expect(minutes(after) - minutes(before)).toBe(1);
    const decision = after.recent.find((d: any) => d.request_id === requestId);
    expect(decision).toMatchObject({ model: routed.headers.get("x-router-model"), stage: "heuristic", attempts: 1 });
    expect(decision.cost_usd).toBeGreaterThan(0);
    expect(after.health.providers).toContain("openai");
    expect(after.health.breakers.length).toBeGreaterThan(0);
  });

  it("serves its assets with the same CSP", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    for (const [path, type] of [
      [`${ASSET_BASE}/app.js`, "text/javascript"],
      [`${ASSET_BASE}/app.css`, "text/css"],
      ["/dashboard/favicon.svg", "image/svg+xml"],
    ]) {
      const res = await call(path!);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(type);
      expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    }
  });

  it("serves every module the entry imports, as JavaScript with the page's CSP and caching, signed in or not", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const cookie = await signedIn(call);
    const page = await call("/dashboard", { headers: { cookie } });
    const csp = page.headers.get("content-security-policy")!;
    const html = await page.text();
    const served = new Set<string>();
    const queue = ["app.js"];
    while (queue.length) {
      const name = queue.shift()!;
      if (served.has(name)) continue;
      served.add(name);
      // Static and free of data, like app.js has always been: no session needed (none sent here).
      const path = `${ASSET_BASE}/${name}`;
      for (const res of [await call(path), await call(path, { headers: { cookie } })]) {
        expect(res.status, name).toBe(200);
        expect(res.headers.get("content-type"), name).toBe("text/javascript; charset=utf-8");
        expect(res.headers.get("content-security-policy"), name).toBe(csp);
        expect(res.headers.get("x-content-type-options"), name).toBe("nosniff");
        // Versioned URLs: a browser never mixes a cached module of one build with another's.
        expect(res.headers.get("cache-control"), name).toBe("public, max-age=31536000, immutable");
        const source = await res.text();
        expect(source).toBe(CLIENT_FILES[name]);
        for (const specifier of importsOf(source)) {
          // A browser resolves only explicit relative paths here (no bare names, no other origins).
          expect(specifier, `${name} imports ${specifier}`).toMatch(/^\.\/[a-z0-9-]+\.js$/);
          queue.push(specifier.slice(2));
        }
      }
      if (name !== "app.js") expect(html).toContain(`<link rel="modulepreload" href="${ASSET_BASE}/${name}">`);
    }
    // The entry reaches every module that is built in, and the page preloads exactly those.
    const modules = Object.keys(CLIENT_FILES).filter((name) => name.endsWith(".js"));
    expect([...served].sort()).toEqual(modules.sort());
    expect(served.size).toBeGreaterThan(4);
    expect(html.match(/rel="modulepreload"/g)).toHaveLength(served.size - 1);
    expect(html).not.toMatch(/<script>|<script [^>]*>[^<]/); // still nothing inline
    // Without a session the page is the sign-in form, which loads no script at all.
    expect(await (await call("/dashboard")).text()).not.toContain("<script");
  });

  it("answers 404 for any asset name that is not a built client file", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const cookie = await signedIn(call);
    for (const path of [
      `${ASSET_BASE}/nope.js`,
      `${ASSET_BASE}/App.js`,
      `${ASSET_BASE}/app.js.map`,
      `${ASSET_BASE}/app.js/`,
      "/dashboard/assets/000000000000/app.js", // another build's version
      "/dashboard/app.js", // unversioned
      "/dashboard/app.css",
      "/dashboard/nope.js",
      "/dashboard/App.js",
      "/dashboard/app.js.map",
      "/dashboard/app.js/",
      "/dashboard/app",
      "/dashboard/client/app.js",
      "/dashboard/assets.generated.ts",
      "/dashboard/session.ts",
      "/dashboard/%2e%2e%2fpages.ts",
    ]) {
      const res = await call(path, { headers: { cookie } });
      expect(res.status, path).toBe(404);
      expect(((await res.json()) as any).error, path).toMatchObject({ code: "unknown_route" });
    }
  });
});

describe("/dashboard: the per-tenant learning block", () => {
  const summaryOf = async (app: ReturnType<typeof tenantApp>) => {
    const res = await login(app.call, ADMIN);
    expect(res.status).toBe(303);
    const cookie = res.headers.get("set-cookie")!.split(";")[0]!;
    const summary = await app.call("/dashboard/api/summary", { headers: { cookie } });
    expect(summary.status).toBe(200);
    return (await summary.json()) as any;
  };
  const settings = {
    exploration: { share: 0.05 },
    shadow: { enabled: true, share: 0.1, down_share: 0.05, budget_usd_daily: 1 },
    calibration: { target: { kind: "strong_share", value: 0.3 }, auto: true },
  };
  const calibration = manualCalibration([0.3, 0.7]);

  it("lists a tenant with its decisions, feedback, settings, calibration and last fit, as /v1/router/stats does", async () => {
    const tenant = freshTenant("dash");
    const app = tenantApp(tenant);
    const routed = await app.call("/v1/chat/completions", jsonPost(chatBody("hi there")));
    expect(routed.status).toBe(200);
    await routed.json();
    await app.settle();
    const decisionId = routed.headers.get("x-router-decision-id");
    expect((await app.feedback({ decision_id: decisionId, thumbs: "up" })).status).toBe(200);
    expect((await app.admin("/settings", { method: "PUT", body: JSON.stringify(settings) })).status).toBe(200);
    expect((await app.admin("/calibration", { method: "PUT", body: JSON.stringify(calibration) })).status).toBe(200);
    const fit = (await (await app.admin("/recalibrate", { method: "POST" })).json()) as any;
    expect(fit.published).toBe(false); // one decision is too little evidence: the reason is kept

    const summary = await summaryOf(app);
    expect(summary.learning_error).toBeNull();
    const mine = summary.learning.tenants.find((t: any) => t.tenant === tenant);
    expect(mine.decisions).toMatchObject({ total: 1, routed: 1, explored: 0 });
    expect(mine.feedback).toMatchObject({ total: 1, up: 1, down: 0, labels: 1 });
    expect(mine.exploration).toEqual({ share: 0.05 });
    expect(mine.shadow).toMatchObject({ enabled: true, share: 0.1, down_share: 0.05, budget_usd_daily: 1 });
    expect(mine.calibration).toMatchObject({
      active_version: 1,
      target: { kind: "strong_share", value: 0.3 },
      auto: true,
      paused: false,
      last_fit: { ok: false, reason: fit.reason },
    });
    expect(mine.calibration.versions.map((v: any) => v.version)).toEqual([1]);
    expect(summary.learning.truncated).toBe(false);

    // The same block as /v1/router/stats over the same 14 days.
    const stats = await app.call("/v1/router/stats?days=14", { headers: { authorization: `Bearer ${ADMIN}` } });
    const fromStats = ((await stats.json()) as any).learning;
    expect(fromStats.tenants.find((t: any) => t.tenant === tenant)).toEqual(mine);

    // A rollback to the defaults shows as version 0 with automatic fits paused.
    expect((await app.admin("/rollback", { method: "POST", body: JSON.stringify({ version: 0 }) })).status).toBe(200);
    const after = (await summaryOf(app)).learning.tenants.find((t: any) => t.tenant === tenant);
    expect(after.calibration).toMatchObject({ active_version: 0, paused: true });
  });

  it("is null without the TenantLearning binding (the panel says learning is not configured)", async () => {
    const summary = await summaryOf(tenantApp(freshTenant("unbound"), { TENANT_LEARNING: undefined }));
    expect(summary).toMatchObject({ learning: null, learning_error: null });
    expect(summary.stats.totals).toBeDefined();
  });

  it("a failing learning summary leaves the rest of the dashboard working and says so", async () => {
    const error = vi.spyOn(console, "error").mockImplementation(() => undefined);
    // A misbound LEARNING namespace (a Durable Object namespace, not KV): listing tenants fails.
    const broken = tenantApp(freshTenant("broken"), { LEARNING: testEnv.ROUTER_STATS as unknown as KVNamespace });
    const summary = await summaryOf(broken);
    expect(summary.learning).toBeNull();
    expect(summary.learning_error).toMatch(/failed/);
    expect(summary.stats.totals).toBeDefined();
    expect(error.mock.calls.some(([line]) => String(line).includes("dashboard_learning_failed"))).toBe(true);
    error.mockRestore();
  });
});

describe("RouterStats: the recent-decisions ring and per-minute rows", () => {
  it("keeps only the newest 200 decisions, newest first, and sums minutes", async () => {
    const { testEnv } = await import("./helpers.ts");
    const stub = testEnv.ROUTER_STATS!.get(testEnv.ROUTER_STATS!.idFromName("ring-test"));
    const decision = (i: number) => ({
      at: 1_800_000_000_000 + i,
      requestId: `r${i}`,
      model: "openai/x",
      provider: "openai",
      tier: "simple",
      decidedTier: "simple",
      stage: "heuristic",
      objective: "balanced",
      score: 0.1,
      attempts: 1,
      stream: false,
      estCostUsd: 0.001,
      costUsd: 0.001,
      baselineCostUsd: 0.01,
    });
    const minute = 30_000_000;
    const row = { minute, tier: "simple", requests: 1, withUsage: 1, costUsd: 0.001, baselineCostUsd: 0.01 };
    await stub.record([], [], { decisions: Array.from({ length: 150 }, (_, i) => decision(i)), minutes: [row] });
    await stub.record([], [], { decisions: Array.from({ length: 100 }, (_, i) => decision(150 + i)), minutes: [row] });
    const recent = await stub.recent(500);
    expect(recent).toHaveLength(200);
    expect(recent[0]!.requestId).toBe("r249");
    expect(recent.at(-1)!.requestId).toBe("r50");
    const minutes = await stub.minutes(minute);
    expect(minutes).toEqual([{ ...row, requests: 2, withUsage: 2, costUsd: 0.002, baselineCostUsd: 0.02 }]);
  });
});
