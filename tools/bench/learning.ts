// npm run bench:learning — what learning adds per request on the hot path (Node, in process, warm
// JIT), against a baseline measured in the same run: the wasm scorer on a 1 KB prompt. Per request:
// the tenant's cached state (isolate cache hit), a decision id, the exploration draw, the copy of the
// features, and a 36-feature score adjustment. Also the refit's CPU time (the Durable Object's
// alarm): 20,000 decisions and 20,000 paired outcomes (the default MAX_PAIRED). Saves docs/bench/learning.{json,md}.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { adjustScore, compileAdjustment } from "../../src/learning/online/adjustment.ts";
import { newDecisionId } from "../../src/learning/online/decision-id.ts";
import { exploresDown } from "../../src/learning/online/exploration.ts";
import { fitCalibration, MAX_PAIRED } from "../../src/learning/fit/fit-calibration.ts";
import { loadTenantState } from "../../src/learning/online/learning-store.ts";
import { rng } from "../../test/support/tenant-simulator.ts";
import { FEATURE_NAMES } from "../../src/score/feature-names.ts";
import { loadScorer } from "../lib/scorer/node-scorer.ts";
import { median, round, summarize, timeCalls } from "../lib/stats.ts";

const WARMUP = 2_000;
const RUNS = 20_000;
const ROUNDS = 5;

const measure = (fn: () => unknown) => summarize(timeCalls(fn, WARMUP, RUNS));

const scorer = loadScorer();
const prompt = {
  primary: "Explain how a hash map handles collisions, with an example. ".repeat(17),
  context: "",
  flags: 0,
};
const features = Float32Array.from(scorer.score(prompt).features);
const random = rng(1);
const adjustment = compileAdjustment(
  {
    intercept: 0.1,
    score_weight: 1.2,
    features: FEATURE_NAMES.slice(0, 36).map((name) => ({ name, mean: 0.5, scale: 1, weight: random() - 0.5 })),
  },
  FEATURE_NAMES,
)!;
const tiers = { boundaries: [0.5861, 0.6243] as const, uncertaintyBand: 0.005 };
const kv = { get: async () => null };
const store = { scorer: "bench", ttlMs: 3_600_000, now: Date.now, waitUntil: () => undefined };
await loadTenantState(kv, "bench", store); // the isolate's first read; the rest hit the cache

let sink = 0;
const perRequest = async () => {
  const state = await loadTenantState(kv, "bench", store);
  const id = newDecisionId();
  const owned = features.slice();
  const score = adjustScore(adjustment, 0.61, owned);
  if (exploresDown(id, state.settings.exploration.share + 0.05, score, tiers, { objective: "balanced" })) sink++;
};
async function measureAsync(fn: () => Promise<unknown>) {
  for (let i = 0; i < WARMUP; i++) await fn();
  const samples = new Float64Array(RUNS);
  for (let i = 0; i < RUNS; i++) {
    const start = process.hrtime.bigint();
    await fn();
    samples[i] = Number(process.hrtime.bigint() - start) / 1000;
  }
  return summarize(samples);
}

const rounds: { scorer: number; learning: number; learningP99: number; scorerP99: number }[] = [];
for (let r = 0; r < ROUNDS; r++) {
  const base = measure(() => (sink += scorer.score(prompt).score));
  const added = await measureAsync(perRequest);
  rounds.push({ scorer: base.p50, scorerP99: base.p99, learning: added.p50, learningP99: added.p99 });
}

// The refit, as the Durable Object's alarm runs it.
const decisions = Array.from({ length: 20_000 }, () => ({
  score: 0.55 + 0.1 * random(),
  features: Float32Array.from(FEATURE_NAMES, () => random()),
  objective: "balanced" as const,
}));
const labels = decisions.slice(0, MAX_PAIRED).map((d) => ({ ...d, y: random() < 0.5 ? 0.5 : 1, paired: true }));
const fitMs: number[] = [];
for (let r = 0; r < 3; r++) {
  const start = performance.now();
  fitCalibration({
    decisions,
    labels,
    target: { kind: "max_under_routing", value: 0.1 },
    defaults: tiers,
    scorer: "bench",
    featureNames: FEATURE_NAMES,
    options: { minDecisions: 200, minLabels: 100, minPaired: 200, adjustFeatures: true, maxClassifierShare: 0.2 },
  });
  fitMs.push(performance.now() - start);
}

const result = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, node: process.version },
  method: `${ROUNDS} rounds × (${WARMUP} warm-ups + ${RUNS} calls), medians of per-round p50/p99, µs`,
  scorer_1kb: { p50: round(median(rounds.map((r) => r.scorer))), p99: round(median(rounds.map((r) => r.scorerP99))) },
  learning_per_request: {
    p50: round(median(rounds.map((r) => r.learning))),
    p99: round(median(rounds.map((r) => r.learningP99))),
  },
  ratio_p50: round(median(rounds.map((r) => r.learning / r.scorer)), 3),
  refit_20k_decisions_20k_paired_ms: { runs: fitMs.map((x) => round(x)), median: round(median(fitMs)) },
  sink,
};
console.log(JSON.stringify(result, null, 1));
mkdirSync("docs/bench", { recursive: true });
writeFileSync("docs/bench/learning.json", `${JSON.stringify(result, null, 1)}\n`);
writeFileSync(
  "docs/bench/learning.md",
  [
    "# Learning: hot-path cost and refit time (`npm run bench:learning`)",
    "",
    `${result.machine.cpu} (${result.machine.cores} cores), Node ${result.machine.node}; ${result.method}.`,
    "",
    "| per request | p50 µs | p99 µs |",
    "| --- | --- | --- |",
    `| baseline: wasm scorer, 1 KB prompt | ${result.scorer_1kb.p50} | ${result.scorer_1kb.p99} |`,
    `| learning: cached tenant state, decision id, exploration draw, feature copy, 36-feature adjustment | ${result.learning_per_request.p50} | ${result.learning_per_request.p99} |`,
    "",
    `Learning / scorer (p50, median of rounds): ${result.ratio_p50}. Records, feedback and shadow calls run after the response.`,
    "",
    `Refit (the Durable Object's alarm) on 20,000 decisions and 20,000 paired outcomes (the default MAX_PAIRED) with the score adjustment: ` +
      `median ${result.refit_20k_decisions_20k_paired_ms.median} ms (${result.refit_20k_decisions_20k_paired_ms.runs.join(", ")}).`,
    "",
  ].join("\n"),
);
