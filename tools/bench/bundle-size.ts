// `npm run bench:bundle`: what `wrangler deploy` would upload, with and without the
// ONNX classifier (`--define __TRIAGE_ONNX__:false`, i.e. `npm run deploy:lite`).
// Per module raw and gzip (zlib level 9) sizes, plus wrangler's own total line.
// Prints a table and writes docs/bench/bundle-size.json.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

function measure(extraArgs: string[]) {
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

const result = {
  date: new Date().toISOString(),
  withClassifier: measure([]),
  withoutClassifier: measure(["--define", "__TRIAGE_ONNX__:false"]),
};
mkdirSync("docs/bench", { recursive: true });
writeFileSync("docs/bench/bundle-size.json", `${JSON.stringify(result, null, 2)}\n`);
const kib = (bytes: number) => `${(bytes / 1024).toFixed(1)} KiB`;
for (const [name, build] of Object.entries(result).filter(([key]) => key !== "date") as [
  string,
  ReturnType<typeof measure>,
][]) {
  console.log(`${name}: ${build.command}\n  wrangler: ${build.wrangler}`);
  for (const f of build.files)
    console.log(`  ${f.file.padEnd(34)} raw ${kib(f.rawBytes).padStart(12)}  gzip ${kib(f.gzipBytes).padStart(11)}`);
  console.log(
    `  ${"total".padEnd(34)} raw ${kib(build.total.rawBytes).padStart(12)}  gzip ${kib(build.total.gzipBytes).padStart(11)}`,
  );
}
console.log("wrote docs/bench/bundle-size.json");
