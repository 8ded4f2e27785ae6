// npm run replay -- FILE.jsonl [FILE.jsonl …] [--prices ../shared/data/pricing-2024.json] [--out FILE.json]
// Replays each file's test split through the pure selector with real (2024) prices and reports the
// cost saved versus always-the-best-model at ≤ 1 % quality loss (method: tools/research/replay/replay-lib.ts).
import { mkdirSync, writeFileSync } from "node:fs";
import { basename, dirname } from "node:path";
import { parseArgs } from "node:util";
import { loadScorer } from "../../lib/scorer/node-scorer.ts";
import { loadPrices, loadRows } from "./dataset.ts";
import { MAX_QUALITY_LOSS, replay } from "./replay-lib.ts";

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    prices: { type: "string", default: "../shared/data/pricing-2024.json" },
    out: { type: "string", default: "docs/results/replay.json" },
  },
});
const pricesPath = values.prices;
const outPath = values.out;
const files =
  positionals.length > 0
    ? positionals
    : ["routellm-gsm8k", "routellm-mmlu", "alpacaeval1"].map((n) => `../shared/data/${n}.jsonl`);

// The committed wasm scorer with its trained weights (the Worker's own).
const scorer = loadScorer();
const prices = loadPrices(pricesPath);
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const results: Record<string, unknown> = {};

for (const file of files) {
  const { rows, prices: filePrices, skipped } = loadRows(file, prices, scorer);
  const result = replay(rows, filePrices);
  results[basename(file)] = { skippedRows: skipped, ...result };
  const { chosenOnTrain: chosen, testOptimumUpperBound: upper, oracle, equalQualityOnTrain: equal } = result;
  console.log(
    `\n${basename(file)}  (test ${result.rows.test} prompts, train ${result.rows.train}; ${skipped} rows without every outcome skipped)`,
  );
  for (const [name, m] of Object.entries(result.models)) {
    console.log(
      `  ${name.padEnd(40)} $${m.input}/$${m.output} per M  train mean ${m.trainMean.toFixed(4)}  tier ${m.tier}`,
    );
  }
  console.log(
    `  always ${result.best}: quality ${result.alwaysBest.quality.toFixed(4)}, cost $${result.alwaysBest.costUsd.toFixed(4)}`,
  );
  console.log(
    `  router, threshold chosen on train (${chosen.threshold?.toFixed(4)}): test quality ${chosen.test.quality.toFixed(4)} ` +
      `(loss ${pct(chosen.test.qualityLoss)}), complex share ${pct(chosen.test.complexShare)}, cost saved ${pct(chosen.test.costSaved)}`,
  );
  console.log(
    `  router at equal quality (threshold chosen on train): test loss ${pct(equal.test.qualityLoss)}, cost saved ${pct(equal.test.costSaved)}`,
  );
  console.log(
    `  tuned on test, mixing neighbouring thresholds (upper bound): cost saved ${pct(result.testOptimumInterpolated.costSaved)}` +
      ` vs random routing at the same loss: ${pct(result.randomBaseline.costSaved)}`,
  );
  console.log(
    `  upper bound (threshold tuned on test, ≤ ${pct(MAX_QUALITY_LOSS)} loss): cost saved ${pct(upper.costSaved)}, loss ${pct(upper.qualityLoss)}`,
  );
  console.log(`  per-prompt oracle: quality ${oracle.quality.toFixed(4)}, cost saved ${pct(oracle.costSaved)}`);
}

mkdirSync(dirname(outPath), { recursive: true });
writeFileSync(outPath, `${JSON.stringify({ generatedBy: "npm run replay", pricesPath, results }, null, 2)}\n`);
console.log(`\nsaved ${outPath}`);
