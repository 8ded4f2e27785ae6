// The usage gate's arithmetic with an injected clock, two gates standing in for two isolates and
// the in-memory ledger standing in for the KeyUsage object (test/usage-limits.test.ts runs the
// real Durable Object in workerd).
import { describe, expect, it } from "vitest";
import { LocalLedger } from "./local-ledger.ts";
import { UsageGate, type RemoteSync } from "./usage-gate.ts";

const T0 = Date.UTC(2026, 10, 27, 12, 0, 0);
const noWait = () => undefined;

function setup(remoteOverride?: RemoteSync) {
  let now = T0;
  const ledger = new LocalLedger();
  const remote: RemoteSync = remoteOverride ?? (async (id, delta) => ledger.sync(id, delta));
  const clock = { now: () => now, advance: (ms: number) => (now += ms) };
  const gate = () => new UsageGate(remote, { now: clock.now, softStaleMs: 0 });
  return { clock, gate, ledger };
}

describe("rate limit", () => {
  it("admits exactly the limit per window in one isolate, then 429 with the seconds left", async () => {
    const { clock, gate } = setup();
    const g = gate();
    const limits = { rate: { requests: 3, periodMs: 60_000 } };
    clock.advance(15_000);
    const results = [];
    for (let i = 0; i < 5; i++) results.push(await g.admit("k", limits, noWait));
    expect(results.map((r) => r.ok)).toEqual([true, true, true, false, false]);
    expect(results.slice(0, 3).map((r) => r.ok && r.headers["x-ratelimit-remaining-requests"])).toEqual([
      "2",
      "1",
      "0",
    ]);
    const refused = results[3]!;
    if (refused.ok) throw new Error("expected a refusal");
    expect(refused.error).toMatchObject({ status: 429, code: "rate_limit_exceeded", type: "rate_limit_error" });
    expect(refused.error.headers["retry-after"]).toBe("45");
    clock.advance(45_000);
    expect((await g.admit("k", limits, noWait)).ok).toBe(true);
  });

  it("converges across isolates, overshooting by at most what the other admitted since the last sync", async () => {
    const { clock, gate } = setup();
    const a = gate();
    const b = gate();
    const limits = { rate: { requests: 4, periodMs: 60_000 } };
    for (let i = 0; i < 3; i++) expect((await a.admit("k", limits, noWait)).ok).toBe(true);
    await a.drain("k");
    // b's first request waits for a sync, so it sees a's three.
    expect((await b.admit("k", limits, noWait)).ok).toBe(true);
    expect((await b.admit("k", limits, noWait)).ok).toBe(false);
    await b.drain("k");
    // a decides from its last view (3 of 4) without a round trip: one over (b's one), then refreshes.
    clock.advance(1);
    expect((await a.admit("k", limits, noWait)).ok).toBe(true);
    await a.drain("k");
    expect((await a.admit("k", limits, noWait)).ok).toBe(false);
    expect((await b.admit("k", limits, noWait)).ok).toBe(false);
  });
});

describe("budgets", () => {
  it("refuses once the day's spend reaches the daily budget, until UTC midnight", async () => {
    const { clock, gate } = setup();
    const g = gate();
    const limits = { daily: 1 };
    const first = await g.admit("k", limits, noWait);
    expect(first.ok && first.budgetRemainingUsd).toBe(1);
    g.recordSpend("k", 0.6, noWait);
    const second = await g.admit("k", limits, noWait);
    expect(second.ok && second.budgetRemainingUsd).toBeCloseTo(0.4, 10);
    expect(Number(second.ok && second.headers["x-router-budget-remaining-usd"])).toBeCloseTo(0.4, 10);
    g.recordSpend("k", 0.5, noWait);
    const refused = await g.admit("k", limits, noWait);
    if (refused.ok) throw new Error("expected a refusal");
    expect(refused.error).toMatchObject({ status: 429, code: "budget_exceeded", param: "policy.budget_usd.daily" });
    expect(refused.error.headers["retry-after"]).toBe(String(12 * 3600)); // T0 is 12:00 UTC
    clock.advance(12 * 3600 * 1000);
    expect((await g.admit("k", limits, noWait)).ok).toBe(true);
  });

  it("counts the month for a monthly budget and reports the tighter one", async () => {
    const { gate } = setup();
    const g = gate();
    g.recordSpend("k", 9, noWait);
    await g.drain("k");
    const admitted = await g.admit("k", { daily: 50, monthly: 10 }, noWait);
    expect(admitted.ok && admitted.budgetRemainingUsd).toBeCloseTo(1, 10);
    g.recordSpend("k", 1, noWait);
    const refused = await g.admit("k", { daily: 50, monthly: 10 }, noWait);
    expect(!refused.ok && refused.error.param).toBe("policy.budget_usd.monthly");
  });
});

describe("when the authority fails", () => {
  it("keeps counting locally and sends the deltas with the next successful sync", async () => {
    let failing = true;
    const ledger = new LocalLedger();
    const { gate } = setup(async (id, delta) => {
      if (failing) throw new Error("unreachable");
      return ledger.sync(id, delta);
    });
    const g = gate();
    const limits = { rate: { requests: 2, periodMs: 3_600_000 }, daily: 100 };
    expect((await g.admit("k", limits, noWait)).ok).toBe(true);
    g.recordSpend("k", 3, noWait);
    await g.drain("k");
    expect((await g.admit("k", limits, noWait)).ok).toBe(true);
    expect((await g.admit("k", limits, noWait)).ok).toBe(false);
    failing = false;
    g.recordSpend("k", 1, noWait);
    await g.drain("k");
    // The next request (even a refused one) carries everything that is pending.
    expect((await g.admit("k", limits, noWait)).ok).toBe(false);
    await g.drain("k");
    const snapshot = ledger.sync("k", { now: T0, spend: [], window: { start: 0, periodMs: 3_600_000, requests: 0 } });
    expect(snapshot.daySpendUsd).toBe(4);
    expect(snapshot.windowRequests).toBe(2);
  });

  it("does not wait more than the cold timeout for a hanging authority", async () => {
    const g = new UsageGate(() => new Promise(() => undefined), { coldTimeoutMs: 20, syncTimeoutMs: 50 });
    const started = Date.now();
    expect((await g.admit("k", { daily: 1 }, noWait)).ok).toBe(true);
    expect(Date.now() - started).toBeLessThan(1_000);
  });
});
