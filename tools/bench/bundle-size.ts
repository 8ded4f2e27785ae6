// `npm run bench:bundle`: what `wrangler deploy` would upload, with and without the
// ONNX classifier (`--define __TRIAGE_ONNX__:false`, i.e. `npm run deploy:lite`).
// Per module raw and gzip (zlib level 9) sizes, plus wrangler's own total line, and the lite
// build's total against its goal (LITE_GZIP_GOAL; test/node/bundle-size.test.ts keeps it there).
// Prints a table and writes docs/bench/bundle-size.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

/** The lite build (`npm run deploy:lite`): no ONNX classifier. */
export const LITE_ARGS = ["--define", "__TRIAGE_ONNX__:false"];
/** Goal for the lite build's upload, all modules gzipped (issue 19, cold start): 150 KiB. */
export const LITE_GZIP_GOAL = 150 * 1024;
/**
 * What test/node/bundle-size.test.ts holds the lite build to: the size reached (with a little room), so
 * nothing grows back while index.js still keeps it above the goal; lower it to the goal once met.
 */
export const LITE_GZIP_LIMIT = 245 * 1024;

export function measure(extraArgs: string[]) {
  const outDir = mkdtempSync(join(tmpdir(), "triage-bundle-"));
  try {
    const log = execFileSync(
      process.execPath,
      ["node_modules/wrangler/bin/wrangler.js", "deploy", "--dry-run", "--outdir", outDir, ...extraArgs],
      { encoding: "utf8", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
    );
    const files = readdirSync(outDir)
      .filter((name) => !name.endsWith(".map") && name !== "README.md")
      .map((name) => {
        const bytes = readFileSync(join(outDir, name));
        return {
          file: name.replace(/^[0-9a-f]{40}-/, ""),
          rawBytes: bytes.length,
          gzipBytes: gzipSync(bytes, { level: 9 }).length,
        };
      });
    const total = files.reduce(
      (t, f) => ({ rawBytes: t.rawBytes + f.rawBytes, gzipBytes: t.gzipBytes + f.gzipBytes }),
      {
        rawBytes: 0,
        gzipBytes: 0,
      },
    );
    return {
      command: `wrangler deploy --dry-run --outdir DIR ${extraArgs.join(" ")}`.trim(),
      wrangler: log.match(/Total Upload:.*/)?.[0],
      files,
      total,
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

if (import.meta.main) {
  const lite = measure(LITE_ARGS);
  const result = {
    date: new Date().toISOString(),
    withClassifier: measure([]),
    withoutClassifier: lite,
    liteGoal: { gzipBytes: LITE_GZIP_GOAL, met: lite.total.gzipBytes <= LITE_GZIP_GOAL, testLimit: LITE_GZIP_LIMIT },
  };
  mkdirSync("docs/bench", { recursive: true });
  writeFileSync("docs/bench/bundle-size.json", `${JSON.stringify(result, null, 2)}\n`);
  const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
  for (const [name, build] of [
    ["withClassifier", result.withClassifier],
    ["withoutClassifier", lite],
  ] as const) {
    console.log(`${name}: ${build.command}\n  wrangler: ${build.wrangler}`);
    for (const f of build.files)
      console.log(`  ${f.file.padEnd(34)} raw ${kib(f.rawBytes).padStart(12)}  gzip ${kib(f.gzipBytes).padStart(11)}`);
    console.log(
      `  ${"total".padEnd(34)} raw ${kib(build.total.rawBytes).padStart(12)}  gzip ${kib(build.total.gzipBytes).padStart(11)}`,
    );
  }
  console.log(
    `lite build: ${kib(lite.total.gzipBytes)} gzip, goal ≤ ${kib(LITE_GZIP_GOAL)}: ${result.liteGoal.met ? "met" : "NOT met"} ` +
      `(${kib(Math.abs(LITE_GZIP_GOAL - lite.total.gzipBytes))} ${result.liteGoal.met ? "to spare" : "over"})`,
  );
  console.log("wrote docs/bench/bundle-size.json");
}
