// The admin API for client keys in workerd (real KV): the key shown once and stored only as its
// SHA-256, listing without secrets (paged), validation, and the admin token in front of it all.
import { describe, expect, it } from "vitest";
import { callApp } from "./helpers.ts";
import { ADMIN_TOKEN, keysRouter } from "./key-helpers.ts";

describe("admin keys API", () => {
  it("shows the key once, stores only its SHA-256, and lists keys without secrets", async () => {
    const router = keysRouter();
    const created = await router.admin("/admin/keys", {
      method: "POST",
      body: JSON.stringify({ name: "svc", policy: { max_tier: "moderate", budget_usd: { daily: 5 } } }),
    });
    expect(created.status).toBe(201);
    expect(created.headers.get("cache-control")).toBe("no-store");
    const body = (await created.json()) as any;
    expect(body).toMatchObject({
      object: "router.key",
      name: "svc",
      policy: { name: "svc", max_tier: "moderate", budget_usd: { daily: 5 } },
      revoked_at: null,
    });
    expect(body.key).toMatch(new RegExp(`^tri_${body.id}_[A-Za-z0-9_-]{43}$`));
    expect(body.hash).toBeUndefined();

    const stored = await router.keys.kv.get(`key:${body.id}`, "text");
    expect(stored).not.toContain(body.key);
    expect(stored).not.toContain(body.key.slice(17));
    const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(body.key)));
    expect(JSON.parse(stored!).hash).toBe(Array.from(digest, (b) => b.toString(16).padStart(2, "0")).join(""));

    for (const path of ["/admin/keys", `/admin/keys/${body.id}`]) {
      const text = await (await router.admin(path)).text();
      expect(text).toContain(body.id);
      expect(text).not.toContain(body.key.slice(17));
      expect(text).not.toContain(JSON.parse(stored!).hash);
    }
    const list = (await (await router.admin("/admin/keys")).json()) as any;
    expect(list.object).toBe("list");
    expect(list.data.map((k: any) => k.id)).toContain(body.id);
  });

  it("lists keys a page at a time", async () => {
    const router = keysRouter();
    const ids = new Set<string>();
    for (const name of ["p1", "p2", "p3"]) ids.add((await router.mint(name)).id);
    const first = (await (await router.admin("/admin/keys?limit=2")).json()) as any;
    expect(first.data).toHaveLength(2);
    expect(first.next_cursor).toEqual(expect.any(String));
    const second = (await (
      await router.admin(`/admin/keys?limit=2&cursor=${encodeURIComponent(first.next_cursor)}`)
    ).json()) as any;
    expect(second.data).toHaveLength(1);
    expect(second.next_cursor).toBeNull();
    expect(new Set([...first.data, ...second.data].map((k: any) => k.id))).toEqual(ids);
    expect((await router.admin("/admin/keys?limit=1000")).status).toBe(400);
  });

  it("validates input and names what is wrong", async () => {
    const router = keysRouter();
    const cases: [unknown, string][] = [
      [{}, "name"],
      [{ name: "bad name!" }, "name"],
      [{ name: "ok", policy: { max_tier: "huge" } }, "policy.max_tier"],
      [{ name: "ok", policy: { budget_usd: { daily: -1 } } }, "policy.budget_usd.daily"],
      [{ name: "ok", policy: { rate_limit: { requests: 0, period_seconds: 60 } } }, "policy.rate_limit.requests"],
      [{ name: "ok", extra: 1 }, "extra"],
    ];
    for (const [input, param] of cases) {
      const res = await router.admin("/admin/keys", { method: "POST", body: JSON.stringify(input) });
      expect(res.status).toBe(400);
      expect(((await res.json()) as any).error.param).toBe(param);
    }
    expect((await router.admin("/admin/keys/nosuchkey000")).status).toBe(404);
    expect((await router.admin("/admin/keys/../../etc")).status).toBe(404);
    const patch = await router.admin("/admin/keys/nosuchkey000", { method: "PATCH", body: "{}" });
    expect(patch.status).toBe(404);
  });

  it("needs the admin token, and says so when KEYS is not bound", async () => {
    const router = keysRouter();
    const { key } = await router.mint();
    for (const authorization of [undefined, `Bearer ${key}`, "Bearer wrong-admin-token-000000"]) {
      const res = await router.call("/admin/keys", { headers: authorization ? { authorization } : {} });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toContain(ADMIN_TOKEN);
    }
    const unbound = await callApp(
      "/admin/keys",
      { headers: { authorization: `Bearer ${ADMIN_TOKEN}` } },
      {
        ADMIN_TOKEN,
        KEYS: undefined,
      },
    );
    expect(unbound.status).toBe(501);
    expect(((await unbound.json()) as any).error.code).toBe("keys_unavailable");
  });
});
