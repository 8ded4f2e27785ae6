// `npm run bench:classifier [-- --n 20000 --rounds 5 --cold 5]`: classifier latency.
//   Node 24, same host code as the Worker (ort-host.ts + onnx-classifier.ts), µs clock:
//     cold init (fresh process each: ORT start + session + checks + probe) and first call;
//     warm per-call latency of classify() (assemble + ORT run + decide) and of the raw ORT
//     run, against a plain-JS forward pass of the same weights measured in the same run.
//   workerd (bare, serving the `wrangler deploy --dry-run` bundle of test/bench/classifier-worker.ts):
//     cold init in fresh processes, and warm loop totals (its clock is too coarse per call).
// Prints a summary and writes docs/bench/classifier.json.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, loadavg } from "node:os";
import { parseArgs } from "node:util";
import { OnnxClassifier } from "../../src/classify/onnx/onnx-classifier.ts";
import { parseClassifierSpec } from "../build/classifier/classifier-spec.ts";
import type { ClassifierInput } from "../../src/classify/classifier.ts";
import { assembleFeatures } from "../../src/classify/feature-vector.ts";
import { GOLDEN_INPUTS } from "../../test/fixtures/scorer-golden-prompts.ts";
import { referenceForward } from "../build/classifier/reference-forward.ts";
import { readScorerArtifacts } from "../build/classifier/scorer-facts.ts";
import { loadScorer, readWeights } from "../lib/scorer/node-scorer.ts";
import { buildBenchWorker, getJson, startWorkerd, workerdVersion } from "./classifier-workerd.ts";
import { median, round, summarize, type Summary } from "../lib/stats.ts";

const { values } = parseArgs({
  options: {
    n: { type: "string", default: "20000" },
    rounds: { type: "string", default: "5" },
    cold: { type: "string", default: "5" },
    "cold-child": { type: "boolean", default: false },
  },
});
const N = Number(values.n);
const ROUNDS = Number(values.rounds);
const COLD = Number(values.cold);
const WARMUP = 2000;
const require = createRequire(import.meta.url);
/** Real inputs: the golden prompts through the committed scorer (features + n-grams). */
function realInputs(): ClassifierInput[] {
  const model = readWeights();
  const scorer = loadScorer(model);
  return GOLDEN_INPUTS.map(({ input }) => {
    const s = scorer.score(input);
    return {
      scorerFeatures: s.features.slice(),
      ngrams: { index: s.ngrams.index.slice(), value: s.ngrams.value.slice() },
      prompt: input,
      boundaries: model.defaults.tier_boundaries as [number, number],
    };
  });
}

async function createClassifier() {
  const t0 = performance.now();
  const ortWasm = await WebAssembly.compile(
    readFileSync(require.resolve("onnxruntime-web/ort-wasm-simd-threaded.wasm")),
  );
  const compileMs = performance.now() - t0;
  const scorer = readScorerArtifacts();
  const t1 = performance.now();
  const classifier = await OnnxClassifier.create({
    ortWasm,
    model: new Uint8Array(readFileSync("wasm/classifier.onnx")),
    meta: JSON.parse(readFileSync("wasm/classifier.meta.json", "utf8")),
    scorer: { featureCount: scorer.featureCount, featureNames: scorer.featureNames, ngramBuckets: scorer.ngramBuckets },
  });
  return { classifier, compileMs, initMs: performance.now() - t1 };
}

/** One cold start in this (fresh) process. */
async function coldChild() {
  const { classifier, compileMs, initMs } = await createClassifier();
  const input = realInputs().at(-1)!;
  const t = performance.now();
  await classifier.classify(input);
  console.log(JSON.stringify({ compileMs, initMs, firstClassifyMs: performance.now() - t }));
}

async function nodeBench() {
  const cold = Array.from({ length: COLD }, () => {
    const child = spawnSync(process.execPath, [import.meta.filename, "--cold-child"], { encoding: "utf8" });
    if (child.status !== 0) throw new Error(`cold child failed: ${child.stderr}`);
    return JSON.parse(child.stdout) as { compileMs: number; initMs: number; firstClassifyMs: number };
  });

  const { classifier } = await createClassifier();
  const spec = parseClassifierSpec(JSON.parse(readFileSync("wasm/classifier.weights.json", "utf8")));
  const inputs = realInputs();
  const rows = inputs.map((x) => assembleFeatures(classifier.meta.input, x));
  const k = inputs.length;
  const variants = {
    reference: (i: number) => referenceForward(spec, rows[i % k]!),
    infer: (i: number) => classifier.infer(rows[i % k]!),
    classify: (i: number) => classifier.classify(inputs[i % k]!),
  };
  const samples: Record<keyof typeof variants, number[]> = { reference: [], infer: [], classify: [] };
  for (const call of Object.values(variants)) for (let i = 0; i < WARMUP; i++) await call(i);
  // Interleaved rounds, so drift on a noisy machine hits every variant alike.
  for (let r = 0; r < ROUNDS; r++) {
    for (const [name, call] of Object.entries(variants) as [keyof typeof variants, (i: number) => unknown][]) {
      for (let i = 0; i < N / ROUNDS; i++) {
        const t = performance.now();
        await call(i);
        samples[name].push(performance.now() - t);
      }
    }
  }
  // Samples are milliseconds; summaries are microseconds, rounded for the JSON.
  const micros = (s: number[]): Summary => {
    const summary = summarize(s.map((ms) => ms * 1000));
    return Object.fromEntries(
      Object.entries(summary).map(([k, v]) => [k, k === "n" ? v : round(v)]),
    ) as unknown as Summary;
  };
  const warm = Object.fromEntries(Object.entries(samples).map(([name, s]) => [name, micros(s)]));
  return {
    cold: {
      runs: cold.map((c) => ({
        compileMs: round(c.compileMs),
        initMs: round(c.initMs),
        firstClassifyMs: round(c.firstClassifyMs, 3),
      })),
      medianInitMs: round(median(cold.map((c) => c.initMs))),
      medianFirstClassifyMs: round(median(cold.map((c) => c.firstClassifyMs)), 3),
    },
    warm,
    ratioP50ClassifyVsReference: round(warm.classify!.p50 / warm.reference!.p50, 1),
  };
}

async function workerdBench() {
  const outDir = buildBenchWorker();
  try {
    const cold = [];
    for (let i = 0; i < COLD; i++) {
      const server = await startWorkerd(outDir);
      try {
        const { body, clientMs } = await getJson<{ initMs: number }>(`${server.base}/init`);
        cold.push({
          startupMs: round(server.startupMs),
          initMsInIsolate: round(body.initMs),
          initClientMs: round(clientMs),
        });
      } finally {
        server.stop();
      }
    }
    const server = await startWorkerd(outDir);
    type Loop = { meanUs: number; totalMs: number; coarsePerCallMs: Record<string, number> };
    const rounds: Record<string, Loop>[] = [];
    try {
      await getJson(`${server.base}/bench?n=${WARMUP}`); // warm-up
      for (let r = 0; r < ROUNDS; r++)
        rounds.push((await getJson<Record<string, Loop>>(`${server.base}/bench?n=${N}`)).body);
    } finally {
      server.stop();
    }
    const perVariant = (name: string) => ({
      meanUsPerRound: rounds.map((r) => round(r[name]!.meanUs)),
      medianMeanUs: round(median(rounds.map((r) => r[name]!.meanUs))),
      coarsePerCallMs: rounds.at(-1)![name]!.coarsePerCallMs,
    });
    const warm = { reference: perVariant("reference"), infer: perVariant("infer"), classify: perVariant("classify") };
    return {
      cold: { runs: cold, medianInitMsInIsolate: round(median(cold.map((c) => c.initMsInIsolate))) },
      warm: { callsPerRound: N, rounds: ROUNDS, ...warm },
      ratioMeanClassifyVsReference: round(warm.classify.medianMeanUs / warm.reference.medianMeanUs, 1),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (values["cold-child"]) {
  await coldChild();
} else {
  const pkg = (name: string) => JSON.parse(readFileSync(`node_modules/${name}/package.json`, "utf8")).version;
  const result = {
    date: new Date().toISOString(),
    // Load average at the start: other processes on these shared 2-core machines skew every number.
    machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadavg1m: round(loadavg()[0]!) },
    versions: { node: process.version, workerd: workerdVersion(), "onnxruntime-web": pkg("onnxruntime-web") },
    model: JSON.parse(readFileSync("wasm/classifier.meta.json", "utf8")).version,
    settings: { warmup: WARMUP, calls: N, rounds: ROUNDS, coldRuns: COLD },
    node: await nodeBench(),
    workerd: await workerdBench(),
  };
  mkdirSync("docs/bench", { recursive: true });
  writeFileSync("docs/bench/classifier.json", `${JSON.stringify(result, null, 2)}\n`);
  console.log(JSON.stringify(result, null, 2));
  console.log("wrote docs/bench/classifier.json");
}
