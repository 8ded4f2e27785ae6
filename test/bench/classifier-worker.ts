// Bench-only Worker for `npm run bench:classifier`: the router's classifier module
// (src/classify/onnx/bundled.ts, exactly as the router loads it) behind two routes.
// Built with `wrangler deploy --dry-run` and served by bare workerd.
//   GET /init           cold start: creates the classifier, reports the in-isolate time
//   GET /bench?n=20000  warm loop totals: classify(), the raw ORT run, and a plain-JS baseline
// workerd's clock is coarse (1 ms locally; frozen between I/O on Cloudflare), so only
// loop totals mean anything; per-call times are reported to show that quantisation.
import { createBundledClassifier } from "../../src/classify/onnx/bundled";
import type { OnnxClassifier } from "../../src/classify/onnx/onnx-classifier";
import weights from "../../wasm/classifier.weights.json";
import { parseClassifierSpec } from "../../tools/classifier/classifier-spec";
import { referenceForward, sampleRows } from "../../tools/classifier/reference-forward";

let classifier: Promise<OnnxClassifier> | undefined;
const spec = parseClassifierSpec(weights);
const prompt = { primary: "", context: "", flags: 0 };

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
      const width = ready.meta.input.segments.find((s) => s.kind === "scorer")!.size;
      const rows = sampleRows(64, width, 5);
      const reference = await loop(n, (i) => referenceForward(spec, rows[i % 64]!));
      const infer = await loop(n, (i) => ready.infer(rows[i % 64]!));
      const classify = await loop(n, (i) => ready.classify({ scorerFeatures: rows[i % 64]!, prompt }));
      return Response.json({ reference, infer, classify });
    }
    return new Response("not found", { status: 404 });
  },
};
