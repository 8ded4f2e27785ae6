// Tenants are client keys: feedback is authenticated like the API, and one key can never
// rate another key's decisions.
import { describe, expect, it } from "vitest";
import { chatBody } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";

describe("feedback with client keys", () => {
  it("needs a key, and only the key that made the decision can rate it", async () => {
    const router = keysRouter();
    const alice = await router.mint("alice");
    const bob = await router.mint("bob");
    const res = await router.chat(alice.key, chatBody("hi there"));
    expect(res.status).toBe(200);
    await res.json();
    const decisionId = res.headers.get("x-router-decision-id")!;
    expect(decisionId).toBeTruthy();

    const rate = (key: string | undefined) =>
      router.call("/v1/feedback", {
        method: "POST",
        headers: { "content-type": "application/json", ...(key ? { authorization: `Bearer ${key}` } : {}) },
        body: JSON.stringify({ decision_id: decisionId, thumbs: "up" }),
      });
    expect((await rate(undefined)).status).toBe(401);
    const other = await rate(bob.key);
    expect(other.status).toBe(404);
    expect(((await other.json()) as any).error.code).toBe("decision_not_found");
    const own = await rate(alice.key);
    expect(own.status).toBe(200);
    expect(((await own.json()) as any).status).toBe("recorded");
  });

  it("refuses an oversized feedback body before reading it all", async () => {
    const router = keysRouter();
    const alice = await router.mint("alice");
    const res = await router.call("/v1/feedback", {
      method: "POST",
      headers: { "content-type": "application/json", authorization: `Bearer ${alice.key}` },
      body: JSON.stringify({ decision_id: "dec_x", thumbs: "up", pad: "x".repeat(100_000) }),
    });
    expect(res.status).toBe(413);
  });
});
