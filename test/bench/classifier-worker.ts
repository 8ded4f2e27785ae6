// Bench-only Worker for `npm run bench:classifier`: the router's classifier module
// (src/classify/onnx/bundled.ts, exactly as the router loads it) behind two routes.
// Built with `wrangler deploy --dry-run` and served by bare workerd.
//   GET /init           cold start: creates the classifier, reports the in-isolate time
//   GET /bench?n=20000  warm loop totals: classify(), the raw ORT run, and a plain-JS baseline
// workerd's clock is coarse (1 ms locally; frozen between I/O on Cloudflare), so only
// loop totals mean anything; per-call times are reported to show that quantisation.
// Inputs are real: the golden prompts through the bundled scorer (features + n-grams).
import type { ClassifierInput } from "../../src/classify/classifier.ts";
import { assembleFeatures } from "../../src/classify/feature-vector.ts";
import { createBundledClassifier } from "../../src/classify/onnx/bundled.ts";
import type { OnnxClassifier } from "../../src/classify/onnx/onnx-classifier.ts";
import { getScorer } from "../../src/score/default-scorer.ts";
import { FITTED_TIER_DEFAULTS } from "../../src/score/tier-defaults.ts";
import weights from "../../wasm/classifier.weights.json";
import { parseClassifierSpec } from "../../tools/build/classifier/classifier-spec.ts";
import { referenceForward } from "../../tools/build/classifier/reference-forward.ts";
import { GOLDEN_INPUTS } from "../fixtures/scorer-golden-prompts.ts";

let classifier: Promise<OnnxClassifier> | undefined;
const spec = parseClassifierSpec(weights);

function inputs(): ClassifierInput[] {
  return GOLDEN_INPUTS.map(({ input }) => {
    const s = getScorer().score(input);
    return {
      scorerFeatures: s.features.slice(),
      ngrams: { index: s.ngrams.index.slice(), value: s.ngrams.value.slice() },
      prompt: input,
      boundaries: FITTED_TIER_DEFAULTS.tier_boundaries,
    };
  });
}

async function loop(n: number, call: (i: number) => unknown) {
  const perCall: number[] = [];
  const start = performance.now();
  for (let i = 0; i < n; i++) {
    const t = performance.now();
    await call(i);
    perCall.push(performance.now() - t);
  }
  const totalMs = performance.now() - start;
  perCall.sort((a, b) => a - b);
  const q = (p: number) => perCall[Math.min(n - 1, Math.floor(p * n))]!;
  return { n, totalMs, meanUs: (totalMs * 1000) / n, coarsePerCallMs: { p50: q(0.5), p99: q(0.99), max: q(1) } };
}

export default {
  async fetch(request: Request): Promise<Response> {
    const url = new URL(request.url);
    if (url.pathname === "/init") {
      const start = performance.now();
      classifier ??= createBundledClassifier();
      const ready = await classifier;
      return Response.json({ initMs: performance.now() - start, version: ready.version });
    }
    if (url.pathname === "/bench") {
      const ready = await (classifier ??= createBundledClassifier());
      const n = Number(url.searchParams.get("n") ?? 20_000);
      const ins = inputs();
      const rows = ins.map((x) => assembleFeatures(ready.meta.input, x));
      const k = ins.length;
      // The plain-JS forward pass is slow on 4,144 inputs: a tenth of the calls is enough for its mean.
      const reference = await loop(Math.ceil(n / 10), (i) => referenceForward(spec, rows[i % k]!));
      const infer = await loop(n, (i) => ready.infer(rows[i % k]!));
      const classify = await loop(n, (i) => ready.classify(ins[i % k]!));
      return Response.json({ reference, infer, classify });
    }
    return new Response("not found", { status: 404 });
  },
};
