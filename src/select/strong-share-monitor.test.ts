import { describe, expect, it } from "vitest";
import { GENERATED_CATALOG } from "../pricing/default-catalog.generated.ts";
import type { Tier } from "../schema/canonical.ts";
import { OPEN_POLICY } from "../schema/policy.ts";
import { selectModels } from "./select-model.ts";
import type { SelectionInput } from "./selection.ts";
import { IsolateStrongShareStore, monitorConfig, strongShareAfter, strongShareBefore } from "./strong-share-guard.ts";
import {
  assess,
  DEFAULT_STRONG_SHARE,
  DEPLOYMENT_STRONG_SHARE,
  initialState,
  monitorCap,
  observe,
  type StrongShareState,
} from "./strong-share-monitor.ts";

/** A deterministic stream of top-tier decisions at rate p (xorshift). */
function stream(p: number, seed: number) {
  let x = seed;
  return () => {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    return (x >>> 0) / 2 ** 32 < p;
  };
}

/** Runs n requests through the monitor as the request flow does; returns the served top share. */
function run(state: StrongShareState, n: number, wantsTop: () => boolean, config = DEFAULT_STRONG_SHARE) {
  let served = 0;
  let flagged = 0;
  for (let i = 0; i < n; i++) {
    const verdict = assess(state, config);
    const wanted = wantsTop();
    const servedTop = wanted && monitorCap(verdict) === undefined;
    if (verdict.flagged) flagged++;
    if (servedTop) served++;
    state = observe(state, wanted, servedTop, config);
  }
  return { state, served: served / n, flagged: flagged / n };
}

describe("strong-share monitor", () => {
  /** A key that has been around: its baseline (stated or learnt) is its usual share p. */
  const warm = (p: number, n = 4000, seed = 1) => {
    const config = { ...DEFAULT_STRONG_SHARE, prior: p };
    return run(initialState(config), n, stream(p, seed), config).state;
  };

  it("leaves normal traffic alone: no flag at the key's baseline share", () => {
    for (const p of [0.05, 0.25, 0.6]) {
      const config = { ...DEFAULT_STRONG_SHARE, prior: p };
      const { flagged, served } = run(initialState(config), 20_000, stream(p, 7), config);
      expect(flagged).toBeLessThan(0.01);
      expect(served).toBeCloseTo(p, 1);
    }
  });

  it("does not judge a key on fewer than minObservations requests", () => {
    const { served, flagged } = run(initialState(), DEFAULT_STRONG_SHARE.minObservations - 1, () => true);
    expect(flagged).toBe(0);
    expect(served).toBe(1);
  });

  it("a fresh key that games the router from its first request gets no warm-up: held near the deployment baseline", () => {
    const { state, served, flagged } = run(initialState(), 3000, stream(0.95, 5));
    expect(state.flagged).toBe(true);
    expect(flagged).toBeGreaterThan(0.97); // from its first few dozen requests on
    expect(served).toBeLessThan(DEFAULT_STRONG_SHARE.prior + DEFAULT_STRONG_SHARE.allowance + 0.03);
    expect(state.baseline).toBeLessThan(DEFAULT_STRONG_SHARE.prior + 0.05); // its own traffic is not its baseline
  });

  it("a fresh key with a genuinely high share is held too, unless its policy states its baseline", () => {
    expect(run(initialState(), 3000, stream(0.6, 8)).served).toBeLessThan(0.3);
    const stated = { ...DEFAULT_STRONG_SHARE, prior: 0.6 };
    expect(run(initialState(stated), 3000, stream(0.6, 8), stated).served).toBeCloseTo(0.6, 1);
  });

  it("flags a sudden rise and caps the served top-tier share near baseline + allowance", () => {
    const attack = run(warm(0.2), 3000, stream(0.9, 2));
    expect(attack.state.flagged).toBe(true);
    // Detection within the first hundred or so requests, then the served share is held near 0.2 + allowance.
    expect(attack.flagged).toBeGreaterThan(0.95);
    expect(attack.served).toBeLessThan(0.2 + DEFAULT_STRONG_SHARE.allowance + 0.08);
    const steady = run(attack.state, 2000, stream(0.9, 3));
    // Held at the (slowly learning) baseline + allowance, not at the attacked 0.9.
    expect(steady.served).toBeLessThan(steady.state.baseline + DEFAULT_STRONG_SHARE.allowance + 0.04);
    expect(steady.state.baseline).toBeLessThan(0.3); // the attack is learned only slowly
  });

  it("holds a sustained shift of any size to <= 5 pp of served top-tier share, at any usual share", () => {
    // The gaming bound (docs/gaming.md) for one key: a usual share p, then an attack that raises the
    // router's top-tier share by d. Small shifts pass unflagged (<= allowance + noise); large ones are
    // flagged and capped; the hardest are just above the noise band (flagged late).
    for (const p of [0.05, 0.25, 0.45, 0.6, 0.8])
      for (const d of [0.03, 0.05, 0.06, 0.07, 0.1, 0.15, 0.3, 0.55]) {
        let shift = 0;
        for (const seed of [11, 12, 13]) {
          const config = { ...DEFAULT_STRONG_SHARE, prior: p };
          const attacked = run(warm(p, 4000, seed), 5000, stream(Math.min(p + d, 1), seed + 100), config);
          shift += (attacked.served - p) / 3;
        }
        expect(shift, `usual ${p}, attack +${d}`).toBeLessThanOrEqual(0.05);
      }
  });

  it("a policy ceiling caps the share without any drift", () => {
    const config = { ...DEFAULT_STRONG_SHARE, prior: 0.5, ceiling: 0.1 };
    const { served } = run(initialState(config), 5000, stream(0.5, 4), config);
    expect(served).toBeLessThan(0.13);
  });

  it("is tuned or switched off by the key policy", () => {
    expect(monitorConfig({ name: "k", strong_share: { monitor: false } })).toBeUndefined();
    expect(monitorConfig({ name: "k", strong_share: { baseline: 0.5, allowance: 0.1, ceiling: 0.3 } })).toMatchObject({
      prior: 0.5,
      allowance: 0.1,
      ceiling: 0.3,
    });
  });

  it("the deployment learns its own baseline from its first window: a heavy deployment is not flagged", () => {
    for (const p of [0.6, 0.9]) {
      expect(run(initialState(DEPLOYMENT_STRONG_SHARE), 3000, stream(p, 21), DEPLOYMENT_STRONG_SHARE).flagged).toBe(0);
    }
  });

  it("a fresh key starts from the deployment's current baseline, or its policy's stated one", async () => {
    const store = new IsolateStrongShareStore();
    store.set("policy:d", { ...initialState(DEPLOYMENT_STRONG_SHARE), n: 5000, learnt: 4000, baseline: 0.55 });
    const deployment = { key: "policy:d", policy: { name: "d" } };
    const fresh = (await strongShareBefore(store, { deployment, client: { key: "k", policy: { name: "k" } } }))!;
    expect(fresh.judged.state.baseline).toBe(0.55);
    const stated = { name: "k2", strong_share: { baseline: 0.7 } };
    expect(
      (await strongShareBefore(store, { deployment, client: { key: "k2", policy: stated } }))!.judged.state.baseline,
    ).toBe(0.7);
  });

  it("reports itself in a header, flag and limit included", async () => {
    const store = new IsolateStrongShareStore();
    const party = { deployment: { key: "key-1", policy: OPEN_POLICY } };
    const check = (await strongShareBefore(store, party))!.judged;
    expect(check.header).toBe("now=0.250;baseline=0.250");
    store.set("key-1", {
      ...initialState(),
      n: 5000,
      learnt: 4000,
      fast: 0.9,
      baseline: 0.2,
      served: 0.6,
      flagged: true,
    });
    const flagged = (await strongShareBefore(store, party))!.judged;
    expect(flagged.header).toBe("now=0.900;baseline=0.200;flagged;limit=0.215");
    expect(flagged.cap).toBe("moderate");
    const off = { name: "k", strong_share: { monitor: false } };
    expect(await strongShareBefore(store, { deployment: { key: "d", policy: off } })).toBeUndefined();
  });

  it("the isolate store forgets the least recently written key first", () => {
    const store = new IsolateStrongShareStore(2);
    store.set("a", initialState());
    store.set("b", initialState());
    store.set("a", initialState());
    store.set("c", initialState());
    expect(store.get("b")).toBeUndefined();
    expect(store.get("a")).toBeDefined();
  });
});

describe("selector with a monitor cap", () => {
  const input = (extra: Partial<SelectionInput> = {}): SelectionInput => ({
    models: GENERATED_CATALOG.models,
    availableProviders: new Set(GENERATED_CATALOG.models.map((m) => m.provider)),
    tier: "complex" as Tier,
    uncertain: false,
    objective: "balanced",
    options: {},
    policy: OPEN_POLICY,
    needs: [],
    inputTokens: 100,
    outputTokens: 100,
    observedLatency: new Map(),
    baselineId: GENERATED_CATALOG.baseline,
    maxCandidates: 3,
    ...extra,
  });

  it("serves the router's own top-tier choice one tier down, visibly", () => {
    const selection = selectModels(input({ strongShareCap: "moderate" }));
    expect(selection.servedTier).toBe("moderate");
    expect(selection.tierCap).toEqual({ wanted: "complex", served: "moderate", by: "monitor" });
    for (const c of selection.candidates) expect(c.model.maxTier).not.toBe("complex");
  });

  it("holds an explicit min_tier to the same cap (429), unless the key's policy allows explicit tiers", () => {
    const asked = input({ tier: "simple", strongShareCap: "moderate", options: { min_tier: "complex" } });
    expect(() => selectModels(asked)).toThrow(
      expect.objectContaining({ status: 429, code: "strong_share_limited", param: "router.min_tier" }),
    );
    const allowed = selectModels({ ...asked, policy: { name: "p", strong_share: { explicit_tiers: true } } });
    expect(allowed.servedTier).toBe("complex");
    expect(allowed.tierCap).toBeUndefined();
    // A concrete model is governed by the policy's model lists, not by the monitor.
    const top = GENERATED_CATALOG.models.find((m) => m.maxTier === "complex")!;
    const requested = selectModels(input({ strongShareCap: "moderate", requestedModel: top.id }));
    expect(requested.candidates[0]!.model.id).toBe(top.id);
  });

  it("records wanted vs served through the guard, for the key and the deployment", async () => {
    const store = new IsolateStrongShareStore();
    const party = {
      deployment: { key: "policy:open", policy: OPEN_POLICY },
      client: { key: "k", policy: OPEN_POLICY },
    };
    const check = (await strongShareBefore(store, party))!;
    const selection = selectModels(input({ strongShareCap: "moderate" }));
    strongShareAfter(store, check, selection);
    const state = store.get("k")!;
    expect(state.n).toBe(1);
    expect(state.fast).toBe(1); // wanted the top tier
    expect(state.served).toBe(0); // served below it
    expect(store.get("policy:open")!.n).toBe(1); // the deployment's traffic includes the key's
  });
});
