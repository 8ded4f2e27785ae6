// Differential check of two scorer builds through the same host (src/score/scorer.ts): score,
// token estimate, the feature vector and the n-grams must be bit-identical for every input of
// tools/lib/scorer/diff-inputs.ts. Run it when the wasm changes for speed (the output must not):
//   git show <base>:wasm/scorer.wasm > /tmp/base.wasm
//   node tools/lib/scorer/diff-wasm.ts /tmp/base.wasm [wasm/scorer.wasm]
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { Scorer, type ScorerInput, type ScorerOutput } from "../../../src/score/scorer.ts";
import { diffInputs } from "./diff-inputs.ts";
import { readTopicBytes, readWeights, WASM_PATH } from "./node-scorer.ts";

const [basePath, candidatePath] = parseArgs({ allowPositionals: true }).positionals;
if (!basePath) {
  console.error("usage: node tools/lib/scorer/diff-wasm.ts <baseline.wasm> [candidate.wasm]");
  process.exit(2);
}
const load = (path: string | URL) =>
  new Scorer(new WebAssembly.Module(readFileSync(path)), readTopicBytes(), readWeights());
const base = load(basePath);
const candidate = load(candidatePath ?? WASM_PATH);

/** Everything a call returns, as bits (copied: the views are overwritten by the next call). */
function snapshot(out: ScorerOutput): string {
  const f = new Uint32Array(Float32Array.from(out.features).buffer);
  const v = new Uint32Array(Float32Array.from(out.ngrams.value).buffer);
  const s = new Uint32Array(Float64Array.of(out.score, out.tokens).buffer);
  return [s.join(","), f.join(","), out.ngrams.index.join(","), v.join(",")].join("|");
}

let count = 0;
let differ = 0;
const describe = (i: ScorerInput) =>
  JSON.stringify({ ...i, primary: i.primary.slice(0, 120), context: i.context.slice(0, 60) });
for (const input of diffInputs()) {
  count++;
  const a = snapshot(base.score(input));
  const b = snapshot(candidate.score(input));
  if (a !== b) {
    if (differ++ < 5) console.error(`differs: ${describe(input)}`);
  }
}
if (base.memoryBytes !== candidate.memoryBytes)
  console.error(`memory: ${base.memoryBytes} vs ${candidate.memoryBytes} bytes`);
console.log(`${count} inputs, ${differ} differ`);
process.exit(differ === 0 ? 0 : 1);
