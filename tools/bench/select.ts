// npm run bench:select — in-process cost of the selector on the bundled catalog (37 models), per
// objective, against a baseline measured in the same run: JSON.parse of the same request body.
// Prints and saves docs/results/bench-select.json. Node, warm JIT; Workers numbers will differ.
import { mkdirSync, writeFileSync } from "node:fs";
import { cpus } from "node:os";
import { GENERATED_CATALOG } from "../../src/pricing/default-catalog.generated.ts";
import { OPEN_POLICY } from "../../src/schema/policy.ts";
import { selectModels } from "../../src/select/select-model.ts";
import type { SelectionInput } from "../../src/select/selection.ts";
import { OBJECTIVES } from "../../src/schema/router-options.ts";
import { timeCalls } from "../lib/stats.ts";

const WARMUP = 2_000;
const RUNS = 20_000;
const body = JSON.stringify({
  model: "auto",
  messages: [{ role: "user", content: "Summarise this paragraph. ".repeat(40) }],
});

function measure(fn: () => unknown): { p50: number; p99: number; p999: number } {
  const samples = timeCalls(fn, WARMUP, RUNS).sort();
  const at = (q: number) => samples[Math.min(RUNS - 1, Math.floor(q * RUNS))]!;
  return { p50: at(0.5), p99: at(0.99), p999: at(0.999) };
}

const input = (objective: SelectionInput["objective"]): SelectionInput => ({
  models: GENERATED_CATALOG.models,
  availableProviders: new Set(GENERATED_CATALOG.models.map((m) => m.provider)),
  tier: "moderate",
  uncertain: true,
  objective,
  options: { max_cost_usd: 0.05, deny_providers: ["together"] },
  policy: OPEN_POLICY,
  needs: ["streaming"],
  inputTokens: 300,
  outputTokens: 400,
  observedLatency: new Map(),
  baselineId: GENERATED_CATALOG.baseline,
  maxCandidates: 3,
});

const baseline = measure(() => JSON.parse(body));
const results: Record<string, unknown> = { baseline_json_parse_us: baseline };
console.log(
  `CPU ${cpus()[0]?.model} × ${cpus().length}, node ${process.version}; ${WARMUP} warm-ups, ${RUNS} runs each`,
);
console.log(
  `baseline JSON.parse(${body.length} B body): p50 ${baseline.p50.toFixed(2)} µs, p99 ${baseline.p99.toFixed(2)} µs`,
);
for (const objective of OBJECTIVES) {
  const args = input(objective);
  const r = measure(() => selectModels(args));
  results[objective] = { ...r, ratio_p50_to_baseline: r.p50 / baseline.p50 };
  console.log(
    `selectModels ${objective.padEnd(8)} p50 ${r.p50.toFixed(2)} µs  p99 ${r.p99.toFixed(2)} µs  p99.9 ${r.p999.toFixed(2)} µs  (${(r.p50 / baseline.p50).toFixed(1)}× baseline p50)`,
  );
}
mkdirSync("docs/results", { recursive: true });
writeFileSync(
  "docs/results/bench-select.json",
  `${JSON.stringify({ cpu: cpus()[0]?.model, cores: cpus().length, node: process.version, warmup: WARMUP, runs: RUNS, models: GENERATED_CATALOG.models.length, results }, null, 2)}\n`,
);
