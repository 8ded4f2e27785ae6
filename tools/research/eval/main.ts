// `npm run eval -- [FILE.jsonl ...]`: the router on evaluation data, METHODS.md §1.
// First and foremost leave-one-set-out (tools/research/eval/leave-one-out.ts: every router refitted
// without the set it is scored on), tier shares per set and the category probe; then the
// router as shipped on each set's test split (in-distribution: it was trained on the other split).
//   --data DIR       where the default files are (default ../shared/data)
//   --split NAME     rows to evaluate (default test; rows without a split are all used)
//   --resamples N    bootstrap resamples (default 1000), --seed S (default 1)
//   --pricing FILE   model prices (default DIR/pricing-2024.json)
//   --out FILE       the report (default docs/evaluation.md; plots go to docs/plots/)
// Every prompt is routed by the Worker's own code path in Node (tools/lib/router/node-router.ts):
// heuristic-only = the wasm scorer's score, classifier-only = the ONNX model's score
// on every prompt, cascade = the final decision's score (the classifier's for the
// prompts that reached it, the scorer's otherwise) with the fitted tier defaults.
// Reference rows: prompt length, random, oracle, and (sets with categories) a router
// told each prompt's category, scored by the category's train-split gain.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { readDataFile, type DataRow } from "../../lib/eval/data.ts";
import { DEFAULT_SETS, SET_SPECS } from "../../lib/eval/eval-sets.ts";
import { evaluateSet, type Pricing, type RoutedRow, type SetResult } from "./evaluate-set.ts";
import { renderReport } from "./render-report.ts";
import { createNodeRouter } from "../../lib/router/node-router.ts";
import { FIT_PATH, loadScorer, readWeights } from "../../lib/scorer/node-scorer.ts";
import { categoryProbe, chatPrompts, probePrompts } from "./category-probe.ts";
import { leaveOneOut, type HeldOutItem } from "./leave-one-out.ts";
import type { TierShareRow } from "./render-generalization.ts";
import { promptFeatures } from "../../build/train/features.ts";
import { loadTrainingData } from "../../build/train/training-rows.ts";

const { values, positionals } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data" },
    split: { type: "string", default: "test" },
    resamples: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    pricing: { type: "string" },
    out: { type: "string", default: "docs/evaluation.md" },
    "no-loso": { type: "boolean", default: false },
  },
  allowPositionals: true,
});
const files = positionals.length > 0 ? positionals : DEFAULT_SETS.map((s) => join(values.data, `${s}.jsonl`));
const pricingPath = values.pricing ?? join(values.data, "pricing-2024.json");
const pricing = existsSync(pricingPath) ? (JSON.parse(readFileSync(pricingPath, "utf8")) as Pricing) : undefined;
const options = { resamples: Number(values.resamples), seed: Number(values.seed) };
const started = performance.now();

const router = await createNodeRouter();
const cache = new Map<string, Omit<RoutedRow, "row">>();
async function route(row: DataRow): Promise<RoutedRow> {
  const key = JSON.stringify([row.prompt, row.turns ?? []]);
  let out = cache.get(key);
  if (!out) {
    const d = await router.decide(row);
    out = {
      scorer: d.scorerScore,
      classifier: await router.classifierScore(row),
      cascade: d.score,
      stage: d.stage,
      tier: d.tier,
      tokens: d.tokens,
    };
    cache.set(key, out);
  }
  return { row, ...out };
}

const results: SetResult[] = [];
const inputs: { file: string; sha256: string; rows: number }[] = [];
for (const file of files) {
  const bytes = readFileSync(file);
  const sha256 = createHash("sha256").update(bytes).digest("hex");
  const all = bytes
    .toString("utf8")
    .split("\n")
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as DataRow);
  const rows = all.filter((r) => r.split === undefined || r.split === values.split);
  const set = all[0]?.set ?? basename(file, ".jsonl");
  const routed: RoutedRow[] = [];
  for (const row of rows) routed.push(await route(row));
  // The "told the category" reference learns its rates from the train split: only
  // when another split is evaluated (on the train split itself they would be in-sample).
  const train = values.split === "train" ? [] : all.filter((r) => r.split === "train");
  results.push(
    evaluateSet(set, sha256, routed, SET_SPECS[set] ?? {}, { ...options, tiers: router.tiers, pricing }, train),
  );
  inputs.push({ file: basename(file), sha256, rows: rows.length });
  console.error(`${set}: ${rows.length} prompts (${((performance.now() - started) / 1000).toFixed(1)} s)`);
}

// Leave-one-set-out: every outcome set held out in turn (AlpacaEval is evaluation-only: held out always).
const featureScorer = loadScorer(null);
const heldOut = (rows: readonly DataRow[]): HeldOutItem[] =>
  rows.filter((r) => r.split === values.split).map((row) => ({ row, ...promptFeatures(featureScorer, row) }));
const alpaca = readDataFile(values.data, "alpacaeval2");
const training = values["no-loso"] ? undefined : loadTrainingData(values.data, featureScorer);
const loso = training
  ? (["family", "set"] as const).map((mode) => {
      const r = leaveOneOut(training.items, [{ set: "alpacaeval2", rows: heldOut(alpaca.rows) }], mode, {
        ...options,
        tiers: router.tiers,
      });
      console.error(`leave-one-${mode}-out done (${((performance.now() - started) / 1000).toFixed(1)} s)`);
      return r;
    })
  : [];

// Tier shares of the deployed router per set (a set landing in one tier was learned as a dataset).
const tierShares: TierShareRow[] = [];
for (const set of [...DEFAULT_SETS, "arena-hard-v0.1", "arena-hard-v2.0", "math500", "humaneval", "gsm8k-train"]) {
  const rows = readDataFile(values.data, set).rows.filter((r) => r.split === values.split);
  const shares = { simple: 0, moderate: 0, complex: 0 };
  for (const row of rows) shares[(await route(row)).tier]++;
  for (const k of Object.keys(shares) as (keyof typeof shares)[]) shares[k] /= rows.length;
  tierShares.push({ set: `${set} (${values.split})`, prompts: rows.length, shares });
}
const chat = chatPrompts();
const chatShares = { simple: 0, moderate: 0, complex: 0 };
for (const p of chat) chatShares[(await router.decide({ prompt: p.prompt })).tier]++;
for (const k of Object.keys(chatShares) as (keyof typeof chatShares)[]) chatShares[k] /= chat.length;
tierShares.push({
  set: "all arena prompts (real chat: arena-bench-v1, arena-hard v0.1 and v2.0)",
  prompts: chat.length,
  shares: chatShares,
});

// The category probe (hand-written, never tuned on; public categories).
const probe = probePrompts();
const probeScores: number[] = [];
for (const p of probe) probeScores.push((await router.decide({ prompt: p.prompt })).score);
const probeResult = categoryProbe(probe, probeScores);

const weights = readWeights() as unknown as { wasm_sha256: string };
const fit = JSON.parse(readFileSync(FIT_PATH, "utf8")) as Record<string, unknown>;
const { markdown, plots } = renderReport(results, {
  command: `npm run eval -- ${process.argv.slice(2).join(" ")}`.trim(),
  split: values.split,
  ...options,
  tiers: router.tiers,
  classifierVersion: router.classifierVersion,
  scorerWasmSha256: weights.wasm_sha256,
  designLoso: fit.loso_train as never,
  loso,
  tierShares,
  probe: probeResult,
  tierDefaults: fit.tier_defaults,
  inputs,
  plotDir: "plots",
  benchDir: "docs/bench",
});
const outDir = dirname(values.out);
mkdirSync(join(outDir, "plots"), { recursive: true });
for (const p of plots) writeFileSync(join(outDir, "plots", p.file), p.svg);
writeFileSync(values.out, markdown);
const losoJson = loso.map(({ folds, ...rest }) => ({ ...rest, folds: folds.map(({ samples, ...f }) => f) }));
writeFileSync(
  values.out.replace(/\.md$/, ".json"),
  `${JSON.stringify({ inputs, loso: losoJson, tierShares, probe: probeResult, results }, null, 1)}\n`,
);
console.error(`wrote ${values.out}, ${plots.length} plots (${((performance.now() - started) / 1000).toFixed(1)} s)`);
