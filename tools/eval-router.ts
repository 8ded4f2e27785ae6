// `npm run eval -- [FILE.jsonl ...]`: the router on evaluation data, METHODS.md §1.
//   --data DIR       where the default files are (default ../shared/data)
//   --split NAME     rows to evaluate (default test; rows without a split are all used)
//   --resamples N    bootstrap resamples (default 1000), --seed S (default 1)
//   --pricing FILE   model prices (default DIR/pricing-2024.json)
//   --out FILE       the report (default docs/evaluation.md; plots go to docs/plots/)
// Every prompt is routed by the Worker's own code path in Node (tools/router/node-router.ts):
// heuristic-only = the wasm scorer's score, classifier-only = the ONNX model's score
// on every prompt, cascade = the final decision's score (the classifier's for the
// prompts that reached it, the scorer's otherwise) with the fitted tier defaults.
// Reference rows: prompt length, random, oracle, and (sets with categories) a router
// told each prompt's category, scored by the category's train-split gain.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { parseArgs } from "node:util";
import type { DataRow } from "./eval/data.ts";
import { DEFAULT_SETS, SET_SPECS } from "./eval/eval-sets.ts";
import { evaluateSet, type Pricing, type RoutedRow, type SetResult } from "./eval/evaluate-set.ts";
import { renderReport } from "./eval/render-report.ts";
import { createNodeRouter } from "./router/node-router.ts";
import { readWeights } from "./scorer/node-scorer.ts";

const { values, positionals } = parseArgs({
  options: {
    data: { type: "string", default: "../shared/data" },
    split: { type: "string", default: "test" },
    resamples: { type: "string", default: "1000" },
    seed: { type: "string", default: "1" },
    pricing: { type: "string" },
    out: { type: "string", default: "docs/evaluation.md" },
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

const weights = readWeights() as unknown as { wasm_sha256: string; fit: Record<string, unknown> };
const { markdown, plots } = renderReport(results, {
  command: `npm run eval -- ${process.argv.slice(2).join(" ")}`.trim(),
  split: values.split,
  ...options,
  tiers: router.tiers,
  classifierVersion: router.classifierVersion,
  scorerWasmSha256: weights.wasm_sha256,
  trainCv: weights.fit.cv_apgr_train as Record<string, Record<string, number>>,
  tierDefaults: weights.fit.tier_defaults,
  inputs,
  plotDir: "plots",
  benchDir: "docs/bench",
});
const outDir = dirname(values.out);
mkdirSync(join(outDir, "plots"), { recursive: true });
for (const p of plots) writeFileSync(join(outDir, "plots", p.file), p.svg);
writeFileSync(values.out, markdown);
writeFileSync(values.out.replace(/\.md$/, ".json"), `${JSON.stringify({ inputs, results }, null, 1)}\n`);
console.error(`wrote ${values.out}, ${plots.length} plots (${((performance.now() - started) / 1000).toFixed(1)} s)`);
