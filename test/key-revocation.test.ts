// Key records change atomically and revocations reach every isolate within a stated bound, through
// the real app in workerd: the key's Durable Object is its one writer (a PATCH racing a DELETE can
// no longer undo the revocation), and an isolate re-reads a cached key from that object once it is
// older than ROUTER_KEY_TTL_SECONDS, whatever its (eventually consistent) KV replica still says.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { chatBody, testEnv } from "./helpers.ts";
import { keysRouter } from "./key-helpers.ts";
import { countingKv, sleep } from "./kv-helpers.ts";

/** A KV view that keeps answering with the first value it read: a replica that has not caught up. */
function staleView(view: KVNamespace): KVNamespace {
  const seen = new Map<string, unknown>();
  return {
    async get(key: string, type?: unknown) {
      if (!seen.has(key)) seen.set(key, await view.get(key, type as "text"));
      return seen.get(key);
    },
    put: view.put.bind(view),
    delete: view.delete.bind(view),
    list: view.list.bind(view),
  } as unknown as KVNamespace;
}

describe("key record changes", () => {
  it("a PATCH racing a DELETE never undoes the revocation (15 trials)", async () => {
    const router = keysRouter();
    const outcomes: string[] = [];
    for (let trial = 0; trial < 15; trial++) {
      const { id, key } = await router.mint(`race-${trial}`);
      const [deleted, patched] = await Promise.all([
        router.admin(`/admin/keys/${id}`, { method: "DELETE" }),
        router.admin(`/admin/keys/${id}`, {
          method: "PATCH",
          body: JSON.stringify({ name: `renamed-${trial}`, policy: { max_tier: "simple" } }),
        }),
      ]);
      expect(deleted.status).toBe(200);
      expect(patched.status).toBe(200);
      expect(((await deleted.json()) as any).revoked_at).not.toBeNull();
      const stored = JSON.parse((await router.keys.kv.get(`key:${id}`, "text"))!);
      const shown = (await (await router.admin(`/admin/keys/${id}`)).json()) as any;
      // A fresh isolate (its own cache over the same KV data) and this one both refuse the key.
      const other = keysRouter({ KEYS: countingKv(testEnv.SPARE_KV_C, "ok", router.keys.prefix).kv });
      const statuses = [
        (await router.chat(key, chatBody("hi"))).status,
        (await other.chat(key, chatBody("hi"))).status,
      ];
      outcomes.push(`${stored.revoked_at !== null}/${shown.revoked_at !== null}/${statuses.join(",")}/${shown.name}`);
    }
    expect(outcomes).toEqual(Array.from({ length: 15 }, (_, t) => `true/true/401,401/renamed-${t}`));
  });

  it("keeps the key's object and its KV replica at the same, newest version", async () => {
    const router = keysRouter();
    const { id } = await router.mint("versioned");
    for (const name of ["v2", "v3", "v4"]) {
      await router.admin(`/admin/keys/${id}`, { method: "PATCH", body: JSON.stringify({ name }) });
    }
    const namespace = (env as unknown as Env).KEY_USAGE!;
    const authoritative = await namespace.get(namespace.idFromName(id)).readKey();
    const replica = JSON.parse((await router.keys.kv.get(`key:${id}`, "text"))!);
    expect(authoritative).toMatchObject({ name: "v4", version: 4 });
    expect(replica).toMatchObject({ name: "v4", version: 4 });
  });
});

describe("revocation delay", () => {
  it("reaches another isolate within ROUTER_KEY_TTL_SECONDS, even while its KV replica is stale", async () => {
    const TTL_S = 1;
    const router = keysRouter({ ROUTER_KEY_TTL_SECONDS: String(TTL_S) });
    const { id, key } = await router.mint("to-revoke", { max_tier: "moderate" });
    // Another isolate whose KV answers keep showing the key as it was when first read.
    const stale = staleView(countingKv(testEnv.SPARE_KV_C, "ok", router.keys.prefix).kv);
    const other = keysRouter({ KEYS: stale, ROUTER_KEY_TTL_SECONDS: String(TTL_S) });
    expect((await other.chat(key, chatBody("hi"))).status).toBe(200);

    const revokedAt = Date.now();
    expect((await router.admin(`/admin/keys/${id}`, { method: "DELETE" })).status).toBe(200);
    // At once in the isolate that revoked it.
    expect((await router.chat(key, chatBody("hi"))).status).toBe(401);
    // Elsewhere the cached record may serve until it is TTL old …
    let lastServed = revokedAt;
    while (Date.now() - revokedAt < 3_000) {
      const status = (await other.chat(key, chatBody("hi"))).status;
      if (status === 401) break;
      expect(status).toBe(200);
      lastServed = Date.now();
      await sleep(50);
    }
    // … and never after: the bound is the TTL (plus one request's time), however stale KV is.
    expect((await other.chat(key, chatBody("hi"))).status).toBe(401);
    expect(lastServed - revokedAt).toBeLessThanOrEqual(TTL_S * 1000 + 100);
    expect(JSON.parse((await stale.get(`key:${id}`, "text")) as string).revoked_at).toBeNull(); // KV really was stale
  });

  it("applies a policy change within the same bound", async () => {
    const router = keysRouter({ ROUTER_KEY_TTL_SECONDS: "1" });
    const { id, key } = await router.mint("policy-change");
    const other = keysRouter({
      KEYS: staleView(countingKv(testEnv.SPARE_KV_C, "ok", router.keys.prefix).kv),
      ROUTER_KEY_TTL_SECONDS: "1",
    });
    expect((await other.chat(key, chatBody("hi"))).headers.get("x-router-policy")).toBe("policy-change");
    await router.admin(`/admin/keys/${id}`, {
      method: "PATCH",
      body: JSON.stringify({ policy: { name: "tightened" } }),
    });
    await sleep(1_100);
    expect((await other.chat(key, chatBody("hi"))).headers.get("x-router-policy")).toBe("tightened");
  });
});
