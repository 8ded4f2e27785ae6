// Writes test/fixtures/gaming-prompts.json: a seeded sample of split "test" prompts of the
// permissively licensed RouteLLM sets, for the gaming suite test (test/node/gaming-suite.test.ts;
// tests never read ../shared). AlpacaEval is never used for fixtures.
//   node tools/research/gaming/write-fixture.ts [data-dir=../shared/data]
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { seededRandom, shuffle } from "../../../src/util/seeded-random.ts";
import { readDataFile } from "../../lib/eval/data.ts";

export const GAMING_FIXTURE = "test/fixtures/gaming-prompts.json";
const SAMPLE: Record<string, number> = { "routellm-mmlu": 240, "routellm-gsm8k": 120 };

export interface GamingFixture {
  source: string;
  licence: string;
  sets: Record<string, { id: string; prompt: string }[]>;
}

if (import.meta.main) {
  const { positionals } = parseArgs({ allowPositionals: true });
  const dataDir = positionals[0] ?? "../shared/data";
  const random = seededRandom(2026);
  const sets: GamingFixture["sets"] = {};
  for (const [set, n] of Object.entries(SAMPLE)) {
    const rows = readDataFile(dataDir, set).rows.filter((r) => r.split === "test");
    shuffle(rows, random);
    sets[set] = rows
      .slice(0, n)
      .sort((a, b) => (a.id < b.id ? -1 : 1))
      .map((r) => ({ id: r.id, prompt: r.prompt }));
  }
  const fixture: GamingFixture = {
    source:
      "Split-test prompts of lm-sys/RouteLLM's evaluation sets (routellm/evals/mmlu and gsm8k @ 0b64fdafe049e596a3f5657c219329f24af24198): " +
      "MMLU questions (hendrycks/test, MIT) and GSM8K test questions (openai/grade-school-math, MIT), " +
      "as normalised in ../shared/data (seeded sample, tools/research/gaming/write-fixture.ts).",
    licence: "Apache-2.0 (lm-sys/RouteLLM); the questions themselves MIT",
    sets,
  };
  writeFileSync(GAMING_FIXTURE, `${JSON.stringify(fixture, null, 1)}\n`);
  console.log(
    `wrote ${GAMING_FIXTURE}: ${Object.entries(sets)
      .map(([s, r]) => `${s} ${r.length}`)
      .join(", ")}`,
  );
}
