// `npm run bench:score-batch [-- DATA_DIR] [--rows 10000]`: wall-clock time of the batch
// scorer CLI (`npm run score`) over a file of that many rows taken from routellm-mmlu and
// routellm-gsm8k (both splits: this measures speed, not quality), in a fresh process,
// start-up (wasm + ORT init) included. Writes docs/bench/score-batch.json.
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
import { cpus, loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { readDataFile } from "../lib/eval/data.ts";

const { values, positionals } = parseArgs({
  options: { rows: { type: "string", default: "10000" } },
  allowPositionals: true,
});
const dir = positionals[0] ?? "../shared/data";
const want = Number(values.rows);
const source = ["routellm-mmlu", "routellm-gsm8k"].flatMap((set) => readDataFile(dir, set).rows);
const lines: string[] = [];
for (let i = 0; lines.length < want; i++) {
  const row = source[i % source.length]!;
  lines.push(JSON.stringify({ id: `${row.id}#${Math.floor(i / source.length)}`, prompt: row.prompt }));
}
const file = join(mkdtempSync(join(tmpdir(), "triage-score-bench-")), "rows.jsonl");
writeFileSync(file, lines.join("\n") + "\n");

const runs = [0, 1, 2].map(() => {
  const t = performance.now();
  const run = spawnSync(process.execPath, ["tools/cli/score-batch.ts", file], { encoding: "utf8", maxBuffer: 1 << 28 });
  const seconds = (performance.now() - t) / 1000;
  if (run.status !== 0) throw new Error(run.stderr);
  const out = run.stdout.trim().split("\n");
  if (out.length !== want) throw new Error(`expected ${want} lines, got ${out.length}`);
  const stages: Record<string, number> = {};
  for (const l of out) {
    const stage = (JSON.parse(l) as { stage: string }).stage;
    stages[stage] = (stages[stage] ?? 0) + 1;
  }
  return { seconds: Number(seconds.toFixed(3)), stages };
});
const sorted = runs.map((r) => r.seconds).sort((a, b) => a - b);
const result = {
  machine: { cpu: cpus()[0]?.model, cores: cpus().length, loadavg1m: Number(loadavg()[0]!.toFixed(2)) },
  rows: want,
  runs,
  medianSeconds: sorted[1],
  rowsPerSecond: Math.round(want / sorted[1]!),
};
mkdirSync("docs/bench", { recursive: true });
writeFileSync("docs/bench/score-batch.json", `${JSON.stringify(result, null, 2)}\n`);
console.log(JSON.stringify(result, null, 2));
