// `npm run bench`: every benchmark in turn (each writes its own JSON), then docs/benchmarks.md.
// The per-stage benches (scorer, classifier, selector, bundle) are run as they are; this suite adds
// the decision path, the gateway comparison, the per-stage profile and the rendering. One at a
// time: they would otherwise compete for the machine's cores. The gateway and profile steps measure
// `--before` (default: 4b53fce, where issue 19's speed work started) next to this checkout in the
// same run; `--before none` leaves it out.
//   npm run bench [-- --skip scorer,classifier] [-- --data ../shared/data] [-- --before <git rev>]
import { spawnSync } from "node:child_process";
import { loadavg } from "node:os";
import { parseArgs } from "node:util";
import { DEFAULT_BEFORE } from "./targets.ts";

const { values } = parseArgs({
  options: {
    skip: { type: "string", default: "" },
    data: { type: "string" },
    before: { type: "string", default: DEFAULT_BEFORE },
  },
});
const skip = new Set(values.skip.split(",").filter(Boolean));
const data = values.data;
const before = values.before === "none" ? [] : ["--before", values.before];

const steps: [name: string, script: string, extra: string[]][] = [
  ["bundle", "bench:bundle", []],
  ["select", "bench:select", []],
  ["scorer", "bench:scorer", []],
  ["classifier", "bench:classifier", []],
  ["decision", "bench:decision", data ? ["--data", data] : []],
  ["gateway", "bench:gateway", before],
  ["profile", "bench:profile", before],
];

for (const [name, script, extra] of steps) {
  if (skip.has(name)) continue;
  const load = loadavg()
    .map((x) => x.toFixed(2))
    .join(" / ");
  console.error(`\n[bench] ${script} (load average ${load})`);
  const started = Date.now();
  const run = spawnSync("npm", ["run", "-s", script, ...(extra.length ? ["--", ...extra] : [])], { stdio: "inherit" });
  if (run.status !== 0) {
    console.error(`[bench] ${script} failed (exit ${run.status})`);
    process.exit(run.status ?? 1);
  }
  console.error(`[bench] ${script} done in ${((Date.now() - started) / 1000).toFixed(0)} s`);
}
const render = spawnSync("npm", ["run", "-s", "bench:render"], { stdio: "inherit" });
process.exit(render.status ?? 1);
