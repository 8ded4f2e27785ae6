// Admin-token guessing, through the real app in workerd: wrong tokens from one address slow it
// down with growing delays (the AdminGuard Durable Object keeps the count, so every isolate sees
// it), a locked address is refused before any comparison (even with the right token), and other
// addresses are not affected. The admin API, the dashboard's sign-in and /healthz share the count.
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import type { Env } from "../src/env.ts";
import { FREE_FAILURES } from "../src/security/admin-throttle.ts";
import { appWithEnv, type AppCall } from "./helpers.ts";
import { sleep } from "./kv-helpers.ts";

const TOKEN = "throttle-admin-token-0123456789";
let addressCounter = 0;
const freshAddress = () => `203.0.113.${(addressCounter++ % 200) + 1}`;

const admin = (call: AppCall, address: string, token: string) =>
  call("/admin/pricing", { headers: { authorization: `Bearer ${token}`, "cf-connecting-ip": address } });

describe("admin token throttling", () => {
  it("lets a few wrong tokens through, then locks the address for 1 s, 2 s, …, refusing even the right token", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const address = freshAddress();
    const statuses: number[] = [];
    for (let i = 0; i < FREE_FAILURES + 1; i++)
      statuses.push((await admin(call, address, `wrong-${i}-0123456789`)).status);
    expect(statuses).toEqual(Array(FREE_FAILURES + 1).fill(401));
    // The last wrong token earned a 1 s lock: 200 guesses now take far longer than the 4 s they took.
    const locked = await admin(call, address, TOKEN);
    expect(locked.status).toBe(429);
    expect(locked.headers.get("retry-after")).toBe("1");
    expect(((await locked.json()) as any).error.code).toBe("admin_throttled");
    // Another address is not affected.
    expect((await admin(call, freshAddress(), TOKEN)).status).toBe(200);
    // The count lives in the Durable Object, not in this isolate.
    const guard = (env as unknown as Env).ADMIN_GUARD!;
    const stored = await guard.get(guard.idFromName(`addr:${address}`)).throttleCheck(Date.now());
    expect(stored.failures).toBe(FREE_FAILURES + 1);
    expect(stored.lockedForMs).toBeGreaterThan(0);

    // Wait out the lock as the object reports it (a slow machine may have started it late).
    await sleep(stored.lockedForMs + 150);
    expect((await admin(call, address, "wrong-again-0123456789")).status).toBe(401);
    const doubled = await admin(call, address, TOKEN);
    expect(doubled.status).toBe(429);
    expect(doubled.headers.get("retry-after")).toBe("2");
  });

  it("clears the count after the right token, and counts the dashboard sign-in and /healthz alike", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const address = freshAddress();
    for (let i = 0; i < FREE_FAILURES - 1; i++) await admin(call, address, `wrong-${i}-0123456789`);
    expect((await admin(call, address, TOKEN)).status).toBe(200);
    // The right token forgot the earlier failures: FREE_FAILURES more are free again.
    for (let i = 0; i < FREE_FAILURES - 2; i++) await admin(call, address, `wrong-${i}-0123456789`);
    // A wrong token on /healthz counts (its details would otherwise be a guessing oracle) …
    const health = await call("/healthz", {
      headers: { authorization: "Bearer wrong-health-0123456789", "cf-connecting-ip": address },
    });
    expect(await health.json()).toEqual({ status: "ok" });
    // … and so does one on the sign-in form; the next one is over the limit.
    const form = (token: string) =>
      call("/dashboard/login", {
        method: "POST",
        headers: {
          "content-type": "application/x-www-form-urlencoded",
          origin: "http://router.test",
          "cf-connecting-ip": address,
        },
        body: new URLSearchParams({ token }).toString(),
      });
    expect((await form("wrong-form-0123456789")).status).toBe(401);
    expect((await form("wrong-form-0123456789")).status).toBe(401); // the (FREE_FAILURES + 1)th: locks
    const refused = await form(TOKEN);
    expect(refused.status).toBe(429);
    expect(refused.headers.get("set-cookie")).toBeNull();
    expect(refused.headers.get("retry-after")).toBe("1");
  });

  it("counts a burst of parallel guesses in full: only the free ones are even compared", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const address = freshAddress();
    const burst = await Promise.all(
      Array.from({ length: 40 }, (_, i) => admin(call, address, `parallel-guess-${i}-0123456789`)),
    );
    const statuses = burst.map((r) => r.status);
    expect(statuses.filter((s) => s === 401).length).toBeLessThanOrEqual(FREE_FAILURES + 1);
    expect(statuses.filter((s) => s === 429).length).toBeGreaterThanOrEqual(40 - FREE_FAILURES - 1);
  });

  it("does not count requests without a token", async () => {
    const call = appWithEnv({ ADMIN_TOKEN: TOKEN });
    const address = freshAddress();
    for (let i = 0; i < FREE_FAILURES + 5; i++) {
      expect((await call("/admin/pricing", { headers: { "cf-connecting-ip": address } })).status).toBe(401);
    }
    expect((await admin(call, address, TOKEN)).status).toBe(200);
  });
});
