// `npm run bench:decision`: the routing decision in-process in Node, through the Worker's own
// modules (tools/lib/worker-modules.ts: same wasm, same gate, same selector, bundled catalog).
// Per prompt size (256 B … 128 KB, ASCII and mixed scripts), timed per call:
//   decide  = promptView + wasm scorer + cascade gate (classifier off: the fast path) + selector;
//   plan    = JSON.parse + zod parse + canonical request + planRoute (everything before the upstream
//             call; KV catalog cached as in a warm isolate);
//   baseline = JSON.parse of the same body, interleaved with decide (a same-run yardstick).
// Timed in rounds (--rounds, --calls per round, after --warmup untimed calls): each percentile
// reported is the median over the rounds of that round's percentile (summarizeRounds), so one
// round hit by a burst of machine load does not set the tail alone; each round's p99 and the
// pooled percentiles of all samples are saved too (decideUs.p99ByRound, decideUs.pooled).
// Also the share of test-split prompts in the uncertain band (they reach the classifier), when the
// data folder is given (default ../shared/data; skipped if absent).
//   node --import ./tools/lib/worker-modules.ts tools/bench/decision.ts [--rounds 7] [--calls 4000] [--warmup 2000] [--sizes 256,1024,…] [--data DIR]
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { decideTier } from "../../src/classify/gate.ts";
import { readConfig } from "../../src/config.ts";
import type { Env } from "../../src/env.ts";
import { decisionUncertain, planRoute } from "../../src/pipeline/plan-route.ts";
import { DEFAULT_CATALOG } from "../../src/pricing/default-catalog.ts";
import { parseChatRequest } from "../../src/schema/parse-request.ts";
import { toCanonicalRequest } from "../../src/schema/to-canonical.ts";
import { getScorer } from "../../src/score/default-scorer.ts";
import { promptView } from "../../src/score/prompt-view.ts";
import { assignTier } from "../../src/score/tiering.ts";
import { estimateInputTokens, predictOutputTokens } from "../../src/select/estimate-tokens.ts";
import { OPEN_POLICY } from "../../src/schema/policy.ts";
import { requestNeeds } from "../../src/select/request-needs.ts";
import { selectModels } from "../../src/select/select-model.ts";
import { readDataFile } from "../lib/eval/data.ts";
import { machine } from "./machine.ts";
import { benchPrompt, SIZES, type PromptKind } from "../lib/bench-prompts.ts";
import { summarizeRounds, type RoundsSummary } from "../lib/stats.ts";

const { values } = parseArgs({
  options: {
    rounds: { type: "string", default: "7" },
    calls: { type: "string", default: "4000" },
    warmup: { type: "string", default: "2000" },
    sizes: { type: "string", default: SIZES.join(",") },
    data: { type: "string", default: "../shared/data" },
  },
});
const ROUNDS = Number(values.rounds);
const CALLS = Number(values.calls);
const WARMUP = Number(values.warmup);
const DATA = values.data;
const KINDS: PromptKind[] = ["ascii", "mixed"];

const kv = new Map<string, string>();
const env = {
  PRICING: {
    get: async (key: string) => kv.get(key) ?? null,
    put: async (key: string, value: string) => void kv.set(key, value),
  } as unknown as KVNamespace,
  ROUTER_CLASSIFIER: "off",
  OPENAI_API_KEY: "unused",
  ANTHROPIC_API_KEY: "unused",
  GEMINI_API_KEY: "unused",
} as unknown as Env;
const ctx = { env, headers: new Headers(), waitUntil: (p: Promise<unknown>) => void p.catch(() => undefined) };
const config = readConfig(env);
const allProviders = new Set(DEFAULT_CATALOG.models.map((m) => m.provider));
// The isolate's latency observations persist across requests (latencyTracker.estimates): one map, not one per call.
const observedLatency = new Map();

interface Row {
  kind: PromptKind;
  bytes: number;
  tier: string;
  stage: string;
  uncertain: boolean;
  decideUs: RoundsSummary;
  planUs: RoundsSummary;
  baselineUs: RoundsSummary;
  /** decide p50 / baseline p50 (same loop). */
  ratioP50: number;
}

async function benchRow(kind: PromptKind, bytes: number): Promise<Row> {
  const body = JSON.stringify({ model: "auto", messages: [{ role: "user", content: benchPrompt(kind, bytes) }] });
  const request = toCanonicalRequest(parseChatRequest(JSON.parse(body)));
  const decide = async () => {
    const decision = await decideTier(request, config.tiers, ctx);
    const inputTokens = estimateInputTokens(request);
    return selectModels({
      models: DEFAULT_CATALOG.models,
      availableProviders: allProviders,
      tier: decision.tier,
      uncertain: decisionUncertain(decision, config.tiers),
      objective: config.defaultObjective,
      options: {},
      policy: OPEN_POLICY,
      needs: requestNeeds(request),
      inputTokens,
      outputTokens: predictOutputTokens(request, decision.tier),
      observedLatency,
      baselineId: DEFAULT_CATALOG.baseline,
      maxCandidates: 3,
    });
  };
  const plan = async () => {
    const parsed = parseChatRequest(JSON.parse(body));
    return planRoute(ctx, parsed, toCanonicalRequest(parsed));
  };
  let sink = 0;
  for (let i = 0; i < WARMUP; i++) {
    sink += (await decide()).candidates.length + (await plan()).inputTokens + JSON.parse(body).messages.length;
  }
  // Per round two loops, the first interleaved with the baseline: plan() allocates far more than
  // decide(), and its garbage collections must not land in decide()'s samples.
  const d: Float64Array[] = [];
  const p: Float64Array[] = [];
  const b: Float64Array[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    const dr = new Float64Array(CALLS);
    const br = new Float64Array(CALLS);
    const pr = new Float64Array(CALLS);
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      sink += (await decide()).candidates.length;
      const t1 = performance.now();
      sink += JSON.parse(body).messages.length;
      const t2 = performance.now();
      dr[i] = (t1 - t0) * 1000;
      br[i] = (t2 - t1) * 1000;
    }
    for (let i = 0; i < CALLS; i++) {
      const t0 = performance.now();
      sink += (await plan()).inputTokens;
      pr[i] = (performance.now() - t0) * 1000;
    }
    d.push(dr);
    b.push(br);
    p.push(pr);
  }
  if (sink === -1) console.log(sink);
  const decision = await decideTier(request, config.tiers, ctx);
  const decideUs = summarizeRounds(d);
  const baselineUs = summarizeRounds(b);
  return {
    kind,
    bytes,
    tier: decision.tier,
    stage: decision.stage,
    uncertain: decisionUncertain(decision, config.tiers),
    decideUs,
    planUs: summarizeRounds(p),
    baselineUs,
    ratioP50: decideUs.p50 / baselineUs.p50,
  };
}

/** Share of test-split prompts the gate hands to the classifier (scores in the uncertain band). */
function classifierShare(dir: string) {
  const sets = ["routellm-mmlu", "routellm-gsm8k", "arena-hard-v2.0", "math500", "humaneval"];
  const scorer = getScorer();
  const out: Record<string, { prompts: number; uncertainShare: number }> = {};
  for (const set of sets) {
    if (!existsSync(`${dir}/${set}.jsonl`)) continue;
    const rows = readDataFile(dir, set).rows.filter((r) => r.split === "test");
    let uncertain = 0;
    for (const row of rows) {
      const request = toCanonicalRequest(
        parseChatRequest({ model: "auto", messages: [{ role: "user", content: row.prompt }] }),
      );
      const score = scorer.score(promptView(request)).score;
      const { tier, confidence } = assignTier(score, config.tiers);
      if (decisionUncertain({ tier, score, confidence, stage: "heuristic" }, config.tiers)) uncertain++;
    }
    out[set] = { prompts: rows.length, uncertainShare: rows.length ? uncertain / rows.length : 0 };
  }
  return out;
}

const us = (v: number) => `${v.toFixed(2)} µs`;
console.error(
  `[bench:decision] ${ROUNDS} rounds × ${CALLS} calls per size after ${WARMUP} warm-ups; each percentile is ` +
    `the median over the rounds of that round's percentile (pooled: all samples together)`,
);
const loadAtStart = loadavg().map((x) => Number(x.toFixed(2)));
const rows: Row[] = [];
for (const kind of KINDS) {
  for (const bytes of values.sizes.split(",").map(Number)) {
    rows.push(await benchRow(kind, bytes));
    const r = rows.at(-1)!;
    console.error(
      `[bench:decision] ${kind} ${bytes} B: decide p50 ${us(r.decideUs.p50)} p99 ${us(r.decideUs.p99)} p99.9 ${us(r.decideUs.p999)} ` +
        `(p99 by round ${r.decideUs.p99ByRound.map((v) => v.toFixed(1)).join(" ")}; pooled p99 ${us(r.decideUs.pooled.p99)}); ` +
        `plan p50 ${us(r.planUs.p50)} p99 ${us(r.planUs.p99)}; baseline p50 ${us(r.baselineUs.p50)} (${r.stage}, ${r.tier})`,
    );
  }
}
const scorer = getScorer();
const memoryBefore = scorer.memoryBytes;
const mixed = benchPrompt("mixed", 131072);
for (let i = 0; i < 100_000; i++) scorer.score({ primary: i % 2 ? mixed : "hi", context: "", flags: i & 15 });
const result = {
  date: new Date().toISOString(),
  machine: machine(),
  loadAverage: { start: loadAtStart, end: loadavg().map((x) => Number(x.toFixed(2))) },
  node: process.versions.node,
  v8: process.versions.v8,
  settings: {
    rounds: ROUNDS,
    calls: CALLS,
    warmup: WARMUP,
    percentiles: "median over the rounds of each round's percentile; pooled = all samples together",
    catalogModels: DEFAULT_CATALOG.models.length,
    tiers: config.tiers,
  },
  rows,
  wasmMemory: { calls: 100_000, beforeBytes: memoryBefore, afterBytes: scorer.memoryBytes },
  classifierShare: existsSync(DATA) ? classifierShare(DATA) : null,
};
mkdirSync("docs/bench", { recursive: true });
writeFileSync("docs/bench/decision.json", `${JSON.stringify(result, null, 2)}\n`);
console.error("[bench:decision] wrote docs/bench/decision.json");
