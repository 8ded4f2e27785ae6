// `npm run calibrate -- FILE.jsonl [options]`: a tenant calibration from a file in our data
// schema (id, prompt, [turns], [split], outcomes per model), fitted with the same pure code the
// Worker's Durable Object uses, on the Worker's exact scoring path; written as a calibration
// object ready for `PUT /admin/learning/{tenant}/calibration`, with a before/after evaluation on
// prompts it was not fitted on (split "test" when the file has splits, else a hashed 20%).
//   --target strong_share=0.3 | max_under_routing=0.05   (default max_under_routing=0.05)
//   --mode outcomes | replay    labels from the file's outcomes, or the simulated online loop
//   --strong M --weak M         the pair (default: the file's two models)
//   --tenant NAME               written into the object (default "default")
//   --out FILE                  the calibration (default calibration.json)
//   --report FILE.md            the before/after report (and FILE.json)
//   --pricing FILE              prices (default: pricing-2024.json next to FILE, when present)
//   --output-tokens N           answer length for costs when rows do not record it
//   --no-adjust                 tiers only, no per-tenant score adjustment
//   --fit-scores FILE           scores for the fit rows ({"id","score"} lines), e.g. out-of-fold scores
//                               from `npm run train -- DATA --no-write --oof-out FILE`: the deployed
//                               model was fitted on the shared files' train rows, so its own scores
//                               there are in-sample; a tenant's traffic never is
//   replay: --feedback-share 0.5 --shadow-share 0.1 --shadow-down-share 0 --explore 0.05 --every 200 --seed 1
//           (--shadow-down-share: the share of top-tier answers compared with the tier below's)
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { parseArgs } from "node:util";
import { adjustScore, compileAdjustment } from "../../../src/learning/online/adjustment.ts";
import { calibrationText, targetSchema } from "../../../src/learning/store/calibration-schema.ts";
import { scorerVersionOf } from "../../../src/learning/store/scorer-id.ts";
import { FEATURE_NAMES } from "../../../src/score/feature-names.ts";
import { evaluateCalibration, type Price } from "./evaluate.ts";
import { fitByReplay, fitFromOutcomes, offlineCalibration, type ReplayResult } from "./fit.ts";
import { renderCalibrationReport } from "./report.ts";
import { loadSet } from "./rows.ts";
import { SET_SPECS } from "../../lib/eval/eval-sets.ts";
import { createNodeRouter } from "../../lib/router/node-router.ts";
import { readWeights } from "../../lib/scorer/node-scorer.ts";

const { values, positionals } = parseArgs({
  options: {
    target: { type: "string", default: "max_under_routing=0.05" },
    mode: { type: "string", default: "outcomes" },
    strong: { type: "string" },
    weak: { type: "string" },
    tenant: { type: "string", default: "default" },
    out: { type: "string", default: "calibration.json" },
    report: { type: "string" },
    pricing: { type: "string" },
    "output-tokens": { type: "string" },
    "no-adjust": { type: "boolean", default: false },
    "fit-scores": { type: "string" },
    "feedback-share": { type: "string", default: "0.5" },
    "shadow-share": { type: "string", default: "0.1" },
    "shadow-down-share": { type: "string", default: "0" },
    explore: { type: "string", default: "0.05" },
    every: { type: "string", default: "200" },
    seed: { type: "string", default: "1" },
    resamples: { type: "string", default: "1000" },
  },
  allowPositionals: true,
});
const fail = (message: string): never => {
  console.error(message);
  process.exit(2);
};
if (positionals.length !== 1)
  fail("usage: npm run calibrate -- FILE.jsonl [--target kind=value] [--mode outcomes|replay] …");
const [kind, value] = values.target.split("=");
const target = targetSchema.safeParse({ kind, value: Number(value) });
if (!target.success) fail(`--target: strong_share=<0..1> or max_under_routing=<0..1>, not '${values.target}'`);
if (values.mode !== "outcomes" && values.mode !== "replay") fail("--mode: outcomes or replay");
if ((values.strong === undefined) !== (values.weak === undefined)) fail("--strong and --weak go together");

const router = await createNodeRouter();
const weights = readWeights() as unknown as { wasm_sha256: string; model_sha256: string };
const scorer = scorerVersionOf(weights);
const file = positionals[0]!;
const set = await loadSet(file, router, values.strong ? { strong: values.strong, weak: values.weak! } : undefined);
if (values["fit-scores"]) {
  const given = new Map<string, number>();
  for (const line of readFileSync(values["fit-scores"], "utf8").split("\n")) {
    if (!line.trim()) continue;
    const { id, score } = JSON.parse(line) as { id: string; score: number };
    given.set(id, score);
  }
  // Rows without a given score keep the deployed one: rows training left out (label_suspect) are
  // out of sample already.
  let replaced = 0;
  let kept = 0;
  for (const row of set.rows) {
    if (row.part !== "fit") continue;
    const score = given.get(row.id);
    if (score !== undefined && Number.isFinite(score)) {
      row.raw = score;
      replaced++;
    } else kept++;
  }
  if (replaced === 0) fail(`--fit-scores: no fit row of ${file} has a score in ${values["fit-scores"]}`);
  console.error(`--fit-scores: ${replaced} fit rows scored from the file, ${kept} kept their own score`);
}
const fitRows = set.rows.filter((r) => r.part === "fit");
const evalRows = set.rows.filter((r) => r.part === "eval");
if (fitRows.length === 0 || evalRows.length === 0)
  fail(`${file}: needs rows in both parts (fit ${fitRows.length}, eval ${evalRows.length})`);

const ctx = {
  tenant: values.tenant,
  target: target.data!,
  defaults: router.tiers,
  scorer,
  adjustFeatures: !values["no-adjust"],
};
let replay: ReplayResult | undefined;
const fit =
  values.mode === "outcomes"
    ? fitFromOutcomes(fitRows, ctx)
    : (replay = fitByReplay(fitRows, ctx, {
        seed: Number(values.seed),
        feedbackShare: Number(values["feedback-share"]),
        shadowShare: Number(values["shadow-share"]),
        shadowDownShare: Number(values["shadow-down-share"]),
        exploreShare: Number(values.explore),
        everyDecisions: Number(values.every),
      })).fit;
if (!fit?.ok) fail(`no calibration: ${fit ? fit.reason : "nothing fitted"}`);
const calibration = offlineCalibration(fit as typeof fit & { ok: true }, values.tenant, Date.now());
mkdirSync(dirname(values.out) || ".", { recursive: true });
writeFileSync(values.out, `${calibrationText(calibration)}\n`);

// The calibrated router on the evaluation part, decided by the Worker's exact path.
const tiers = { boundaries: calibration.tiers.boundaries, uncertaintyBand: calibration.tiers.uncertainty_band };
const compiled = calibration.adjustment ? compileAdjustment(calibration.adjustment, FEATURE_NAMES) : undefined;
const adjust = compiled
  ? (score: number, features: ArrayLike<number>) => adjustScore(compiled, score, features)
  : undefined;
const calibratedScores = new Float64Array(evalRows.length);
for (let i = 0; i < evalRows.length; i++) {
  calibratedScores[i] = (await router.decide(evalRows[i]!, { tiers, ...(adjust ? { adjust } : {}) })).score;
}
const pricingFile = values.pricing ?? join(dirname(file), "pricing-2024.json");
const pricing = existsSync(pricingFile)
  ? (JSON.parse(readFileSync(pricingFile, "utf8")) as {
      models: Record<string, { input_usd_per_mtok: number; output_usd_per_mtok: number }>;
    })
  : undefined;
const price = (model: string): Price | undefined => {
  const p = pricing?.models[model];
  return p ? { input: p.input_usd_per_mtok, output: p.output_usd_per_mtok } : undefined;
};
const strongPrice = price(set.strong);
const weakPrice = price(set.weak);
const specTokens = SET_SPECS[set.set]?.outputTokens;
const evaluation = evaluateCalibration(evalRows, {
  defaults: router.tiers,
  calibrated: tiers,
  calibratedScores,
  prices: strongPrice && weakPrice ? { strong: strongPrice, weak: weakPrice } : undefined,
  outputTokens: Number(values["output-tokens"] ?? (typeof specTokens === "number" ? specTokens : 200)),
  resamples: Number(values.resamples),
  seed: Number(values.seed),
});
const markdown = renderCalibrationReport({
  command: `npm run calibrate -- ${process.argv.slice(2).join(" ")}`,
  set,
  mode: values.mode as "outcomes" | "replay",
  replay,
  calibration,
  defaults: router.tiers,
  evaluation,
});
process.stdout.write(markdown);
if (values.report) {
  mkdirSync(dirname(values.report) || ".", { recursive: true });
  writeFileSync(values.report, markdown);
  writeFileSync(
    values.report.replace(/\.md$/, ".json"),
    `${JSON.stringify({ set: set.set, strong: set.strong, weak: set.weak, mode: values.mode, replay, calibration, evaluation }, null, 1)}\n`,
  );
}
console.error(
  `wrote ${values.out}${values.report ? ` and ${values.report}` : ""}; push it with PUT ${join("/admin/learning", values.tenant, "calibration")}`,
);
