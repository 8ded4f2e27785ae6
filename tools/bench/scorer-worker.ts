// The workerd side of the scorer benchmark: GET /?kind=ascii&bytes=4096&n=1000[&mode=baseline]
// runs n scorer calls (or n TextEncoder.encodeInto calls) on that prompt inside the isolate and reports wasm memory. The
// harness times whole requests from outside (workerd freezes clocks during a
// request), and subtracts the cost of an n=0 request measured in the same run.
import model from "../../wasm/scorer-weights.json";
import topics from "../../wasm/scorer-topics.bin"; // esbuild's binary loader here (tools/bench/scorer.ts)
import scorerModule from "../../wasm/scorer.wasm";
import { Scorer } from "../../src/score/scorer.ts";
import { benchPrompt, type PromptKind } from "../lib/bench-prompts.ts";

let scorer: Scorer | undefined;
const encoder = new TextEncoder();
const baselineBuffer = new Uint8Array(65536);
const prompts = new Map<string, string>();

export default {
  fetch(request: Request): Response {
    scorer ??= new Scorer(scorerModule, topics, model);
    const url = new URL(request.url);
    const kind = (url.searchParams.get("kind") ?? "ascii") as PromptKind;
    const bytes = Number(url.searchParams.get("bytes") ?? 256);
    const n = Number(url.searchParams.get("n") ?? 0);
    const key = `${kind}:${bytes}`;
    let primary = prompts.get(key);
    if (primary === undefined) prompts.set(key, (primary = benchPrompt(kind, bytes)));
    const memoryBefore = scorer.memoryBytes;
    let sink = 0;
    if (url.searchParams.get("mode") === "baseline") {
      // The same-run baseline: encoding the text into a buffer of the scorer's size.
      for (let i = 0; i < n; i++) sink += encoder.encodeInto(primary, baselineBuffer).written;
    } else {
      for (let i = 0; i < n; i++) sink += scorer.score({ primary, context: "", flags: 0 }).score;
    }
    return Response.json({ n, sink, memoryBefore, memoryAfter: scorer.memoryBytes });
  },
};
