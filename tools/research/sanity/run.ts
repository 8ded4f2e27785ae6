// `node tools/research/sanity/run.ts [--dev] [--verbose] [--json]`: the sanity suite (or, with --dev, its
// development list) through the Worker's decision path, as a table per expected tier.
// The suite is a test (test/node/sanity-suite.test.ts); tune on --dev only.
import { parseArgs } from "node:util";
import { createNodeRouter } from "../../lib/router/node-router.ts";
import { SANITY_DEV } from "./dev-prompts.ts";
import { routeSanity, summarise } from "./evaluate.ts";
import { SANITY_SUITE } from "./suite.ts";

const { values } = parseArgs({
  options: {
    dev: { type: "boolean", default: false },
    verbose: { type: "boolean", default: false },
    json: { type: "boolean", default: false },
  },
});
const router = await createNodeRouter();
const results = await routeSanity(router, values.dev ? SANITY_DEV : SANITY_SUITE);
const summary = summarise(results);
if (values.json) {
  console.log(JSON.stringify({ tiers: router.tiers, summary, results }, null, 2));
} else {
  console.log(`${values.dev ? "dev list" : "sanity suite"}; boundaries ${router.tiers.boundaries.join(", ")}`);
  console.log("| expected | prompts | decided simple | moderate | complex | as expected | median score |");
  console.log("| --- | --- | --- | --- | --- | --- | --- |");
  for (const s of summary)
    console.log(
      `| ${s.tier} | ${s.prompts} | ${s.simple} | ${s.moderate} | ${s.complex} | ${(100 * s.asExpected).toFixed(0)}% | ${s.medianScore.toFixed(4)} |`,
    );
  if (values.verbose)
    for (const r of results)
      console.log(
        `${r.tier.padEnd(8)} ${r.decided.padEnd(8)} ${r.score.toFixed(4)} ${r.stage.padEnd(10)} ${r.kind.padEnd(14)} ${JSON.stringify(r.prompt.slice(0, 70))}`,
      );
}
