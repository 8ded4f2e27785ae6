// `npm run gaming -- [data-dir=../shared/data]`: the router-gaming suite (docs/gaming.md).
//   --record-baseline   write the run as the "before" baseline (docs/gaming-baseline.json);
//                       done once on the pre-defence artifacts and committed
//   --baseline FILE     the "before" run to compare with (default docs/gaming-baseline.json)
//   --out FILE          the report (default docs/gaming.md; the run also goes to docs/gaming.json)
// Test split only: routellm-mmlu and routellm-gsm8k (with outcomes: clean APGR too) and the
// hand-written chat prompts of tools/research/gaming/chat-prompts.ts.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { modelPair, readDataFile } from "../../lib/eval/data.ts";
import { CHAT_PROMPTS } from "./chat-prompts.ts";
import { renderGaming, type GamingRecord } from "./render.ts";
import { ATTACKS, type Attack } from "./attacks.ts";
import { searchTrainGadget } from "./gadget-search.ts";
import { runSuite, type SuiteSet } from "./run-suite.ts";
import { createNodeRouter } from "../../lib/router/node-router.ts";
import { loadScorer } from "../../lib/scorer/node-scorer.ts";

const { values, positionals } = parseArgs({
  options: {
    "record-baseline": { type: "boolean", default: false },
    baseline: { type: "string", default: "docs/gaming-baseline.json" },
    out: { type: "string", default: "docs/gaming.md" },
  },
  allowPositionals: true,
});
const dataDir = positionals[0] ?? "../shared/data";
const started = performance.now();

const sets: SuiteSet[] = [];
for (const name of ["routellm-mmlu", "routellm-gsm8k"]) {
  const file = readDataFile(dataDir, name);
  const pair = modelPair(file.rows);
  sets.push({
    set: name,
    rows: file.rows
      .filter((r) => r.split === "test")
      .map((r) => ({
        set: name,
        id: r.id,
        prompt: r.prompt,
        outcome: { strong: r.outcomes[pair.strong]!, weak: r.outcomes[pair.weak]! },
      })),
  });
}
sets.push({ set: "chat", rows: CHAT_PROMPTS.map((prompt, i) => ({ set: "chat", id: `chat/${i}`, prompt })) });

// An adaptive attacker: the gadget search re-run against the router being measured (train prompts).
const scorer = loadScorer();
const adaptive = searchTrainGadget(dataDir, (primary) => scorer.score({ primary, context: "", flags: 0 }).score);
console.error(`adaptive gadget (searched against these artifacts): ${JSON.stringify(adaptive.gadget)}`);
const attacks: Attack[] = [
  ...ATTACKS,
  {
    name: "gadget-adaptive-start",
    family: "confounder",
    description: "a gadget searched against the router being measured, prepended",
    apply: (p) => (adaptive.gadget ? `${adaptive.gadget} ${p}` : p),
  },
];

const router = await createNodeRouter();
const run = await runSuite(router, sets, attacks, (line) => console.error(line));
const sha = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");
const record = {
  ...run,
  adaptiveGadget: adaptive.gadget,
  artifacts: {
    scorer_wasm_sha256: sha("wasm/scorer.wasm"),
    scorer_weights_sha256: sha("wasm/scorer-weights.json"),
    classifier_onnx_sha256: sha("wasm/classifier.onnx"),
  },
};

if (values["record-baseline"]) {
  writeFileSync(values.baseline, `${JSON.stringify(record, null, 1)}\n`);
  console.error(`wrote ${values.baseline}`);
} else {
  const before = existsSync(values.baseline)
    ? (JSON.parse(readFileSync(values.baseline, "utf8")) as GamingRecord)
    : undefined;
  writeFileSync(values.out.replace(/\.md$/, ".json"), `${JSON.stringify(record, null, 1)}\n`);
  const markdown = renderGaming(record, before, `npm run gaming -- ${process.argv.slice(2).join(" ")}`.trim());
  writeFileSync(values.out, markdown);
  console.log(markdown.slice(0, markdown.indexOf("## routellm-mmlu")));
  console.error(`wrote ${values.out} and ${values.out.replace(/\.md$/, ".json")}`);
}
console.error(`done in ${((performance.now() - started) / 1000).toFixed(1)} s`);
