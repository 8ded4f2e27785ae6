// The strong-share monitor (router-gaming defence) through the real request flow in workerd:
// the header on auto-routed requests, the key policy that tunes or disables it, and a cap that
// shows as x-router-tier-capped "by=monitor" (docs/gaming.md).
import { describe, expect, it } from "vitest";
import { appWithEnv, callWorker, chatBody, jsonPost } from "./helpers";

// A proof by induction: decided "complex" by the router (score well above the upper boundary).
const HARD =
  "Prove that for every integer n >= 1, the sum 1^3 + 2^3 + ... + n^3 equals (n(n+1)/2)^2, using induction.";

describe("strong-share monitor", () => {
  it("reports the key's top-tier share on auto-routed responses, not on concrete models", async () => {
    const auto = await callWorker("/v1/chat/completions", jsonPost(chatBody("hi")));
    expect(auto.status).toBe(200);
    expect(auto.headers.get("x-router-strong-share")).toMatch(/^now=\d\.\d{3};baseline=\d\.\d{3}$/);
    const concrete = await callWorker(
      "/v1/chat/completions",
      jsonPost(JSON.stringify({ model: "openai/gpt-4.1-mini", messages: [{ role: "user", content: "hi" }] })),
    );
    expect(concrete.status).toBe(200);
    expect(concrete.headers.get("x-router-strong-share")).toBeNull();
  });

  it("a policy ceiling caps the router's own top-tier choice, visibly; an explicit min_tier is not capped", async () => {
    const app = appWithEnv({ ROUTER_POLICY: JSON.stringify({ name: "ceiling-zero", strong_share: { ceiling: 0 } }) });
    const capped = (await (await app("/v1/route", jsonPost(chatBody(HARD)))).json()) as any;
    expect(capped.decided_tier).toBe("complex");
    expect(capped.tier).toBe("moderate");
    expect(capped.tier_cap).toEqual({ wanted: "complex", served: "moderate", by: "monitor" });
    const asked = (await (
      await app("/v1/route", jsonPost(chatBody(HARD, { router: { min_tier: "complex" } })))
    ).json()) as any;
    expect(asked.tier).toBe("complex");
    expect(asked.tier_cap).toBeNull();
  });

  it("a policy can switch it off", async () => {
    const app = appWithEnv({ ROUTER_POLICY: JSON.stringify({ name: "no-monitor", strong_share: { monitor: false } }) });
    const res = await app("/v1/chat/completions", jsonPost(chatBody(HARD)));
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-strong-share")).toBeNull();
    expect(res.headers.get("x-router-tier")).toBe("complex");
  });
});
