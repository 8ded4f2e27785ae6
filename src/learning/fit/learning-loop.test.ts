// Done-when (a), the pure half: simulated tenants converge to their targets from their own
// traffic and feedback alone, through the same fit, exploration and versioning the Worker uses;
// rollback restores the previous behaviour exactly. (test/learning-simulation.test.ts drives the
// real Worker, Durable Object and KV end to end.)
import { describe, expect, it } from "vitest";
import { FEATURE_NAMES } from "../../score/feature-names.ts";
import { TOP_TIER } from "../../schema/canonical.ts";
import { servedTier } from "../online/served-tier.ts";
import { MemoryLearner } from "../../../test/support/memory-learner.ts";
import { learningSettingsSchema, type LearningSettingsInput } from "../store/settings-schema.ts";
import { tenantStream, type TenantProfile } from "../../../test/support/tenant-simulator.ts";
import type { CalibrationTarget } from "../store/calibration-schema.ts";

const DEFAULTS = { boundaries: [0.5861, 0.6243] as const, uncertaintyBand: 0.005 };
const BALANCED = { objective: "balanced" as const };

// Scores above the defaults' top boundary for most prompts (too much to the strong model) …
const HEAVY: TenantProfile = {
  name: "heavy",
  scoreMean: 0.635,
  scoreSd: 0.03,
  midpoint: 0.68,
  steepness: 40,
  feedbackShare: 0.5,
};
// … and below it for almost all (too little).
const LIGHT: TenantProfile = {
  name: "light",
  scoreMean: 0.57,
  scoreSd: 0.02,
  midpoint: 0.575,
  steepness: 60,
  feedbackShare: 0.5,
};

function learner(target: CalibrationTarget, extra: LearningSettingsInput = {}) {
  let clock = 0;
  const settings = learningSettingsSchema.parse({
    ...extra,
    calibration: {
      target,
      auto: true,
      every_decisions: 200,
      every_outcomes: 100,
      min_interval_seconds: 0,
      ...extra.calibration,
    },
  });
  const l = new MemoryLearner({
    tenant: "sim",
    settings,
    defaults: DEFAULTS,
    scorer: "sim-scorer",
    featureNames: FEATURE_NAMES,
    now: () => (clock += 1000),
  });
  return l;
}

/** Runs `requests` requests with feedback (and the automatic fits, unless `auto` is false). */
function run(profile: TenantProfile, l: MemoryLearner, requests: number, seed = 1, auto = true) {
  const traffic = tenantStream(profile, seed);
  for (let i = 0; i < requests; i++) {
    const p = traffic.next();
    const routed = l.route(p.id, p.score, undefined, BALANCED);
    if (traffic.rates()) l.feedback(p.id, { thumbs: routed.tier !== TOP_TIER && p.strongBetter ? "down" : "up" });
    if (auto) l.maybeRecalibrate();
  }
  return l;
}

/** The policy's true strong share and under-routing on fresh traffic (no exploration). */
function measure(profile: TenantProfile, tiers: { boundaries: readonly [number, number]; uncertaintyBand: number }) {
  const fresh = tenantStream(profile, 999);
  let top = 0;
  let under = 0;
  const n = 20_000;
  for (let i = 0; i < n; i++) {
    const p = fresh.next();
    if (servedTier(p.score, tiers, BALANCED) === TOP_TIER) top++;
    else under += p.gain;
  }
  return { strongShare: top / n, underRouting: under / n };
}

describe("calibration converges from a tenant's own traffic and feedback", () => {
  it.each([HEAVY, LIGHT])("$name: target strong share 30% ± 3 pp within 2,000 requests", (profile) => {
    const before = measure(profile, DEFAULTS);
    const l = run(profile, learner({ kind: "strong_share", value: 0.3 }), 2_000);
    const after = measure(profile, l.tiers);
    console.log(
      `${profile.name}: strong share ${before.strongShare.toFixed(3)} -> ${after.strongShare.toFixed(3)} (v${l.active?.version})`,
    );
    // The defaults are far off in opposite directions …
    expect(profile === HEAVY ? before.strongShare > 0.55 : before.strongShare < 0.05).toBe(true);
    // … and the calibration is within the tolerance.
    expect(Math.abs(after.strongShare - 0.3)).toBeLessThanOrEqual(0.03);
    expect(l.active?.version).toBeGreaterThanOrEqual(2);
  });

  it.each([
    ["heavy", HEAVY, 0.05],
    ["light", LIGHT, 0.1],
  ] as const)("%s: quality floor, at most %s routed too low, ± 2 pp within 2,000 requests", (_name, profile, floor) => {
    const before = measure(profile, DEFAULTS);
    const l = run(
      profile,
      learner({ kind: "max_under_routing", value: floor }, { exploration: { share: 0.1 } }),
      2_000,
    );
    const after = measure(profile, l.tiers);
    console.log(
      `${profile.name}: routed too low ${before.underRouting.toFixed(3)} -> ${after.underRouting.toFixed(3)}, ` +
        `strong share ${before.strongShare.toFixed(3)} -> ${after.strongShare.toFixed(3)}`,
    );
    if (profile === HEAVY) {
      expect(before.underRouting).toBeLessThan(floor - 0.02); // the defaults buy quality the tenant does not need
      expect(after.strongShare).toBeLessThan(before.strongShare - 0.15);
    } else {
      expect(before.underRouting).toBeGreaterThan(floor + 0.1); // the defaults lose quality
    }
    expect(Math.abs(after.underRouting - floor)).toBeLessThanOrEqual(0.02);
  });
});

describe("rollback", () => {
  it("restores the previous calibration byte for byte and routes exactly as before", () => {
    const l = run(HEAVY, learner({ kind: "strong_share", value: 0.3 }), 1_000);
    const previousText = l.activeText!;
    const probe = tenantStream(HEAVY, 7);
    const prompts = Array.from({ length: 500 }, () => probe.next());
    const decide = () => prompts.map((p) => l.route(`probe-${p.id}`, p.score, undefined, BALANCED).tier);
    const before = decide();
    // Traffic shifts, a new version is fitted and published: decisions change.
    run(LIGHT, l, 1_000, 2, false);
    expect(l.recalibrate()).toBe(true);
    expect(l.active!.parent_version).toBe(JSON.parse(previousText).version);
    expect(l.activeText).not.toBe(previousText);
    expect(decide()).not.toEqual(before);
    l.rollback();
    expect(l.activeText).toBe(previousText);
    expect(decide()).toEqual(before);
    // Rollback pauses automatic fits: more traffic does not republish.
    run(LIGHT, l, 500, 3);
    expect(l.activeText).toBe(previousText);
  });
});
