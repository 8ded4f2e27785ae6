// npm run bench:readme — writes the README's bundle-size figures from docs/bench/bundle-size.json
// (written by npm run bench:bundle), so the README never quotes a stale measurement. Figures sit
// between <!--bench:NAME--> and <!--/bench--> markers; test/node/readme-numbers.test.ts fails when
// the README and the bench file disagree.
import { readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";

interface Build {
  files: { file: string; rawBytes: number; gzipBytes: number }[];
  total: { rawBytes: number; gzipBytes: number };
}
export interface BundleBench {
  withClassifier: Build;
  withoutClassifier: Build;
}

/** The upload's modules, summed as docs/benchmarks.md sums them, in KiB. */
const totals = (build: Build) => ({ raw: build.total.rawBytes / 1024, gzip: build.total.gzipBytes / 1024 });

const kib = (value: number) => `${Math.round(value)} KiB`;
const mib = (value: number) => `${(value / 1024).toFixed(1)} MiB`;

export function figures(bench: BundleBench): Record<string, string> {
  const full = totals(bench.withClassifier);
  const lite = totals(bench.withoutClassifier);
  const index = bench.withoutClassifier.files.find((file) => file.file === "index.js");
  return {
    full: `${mib(full.raw)} raw / ${mib(full.gzip)} gzip`,
    lite: `${kib(lite.raw)} raw / ${kib(lite.gzip)} gzip`,
    "full-gzip": mib(full.gzip),
    "lite-gzip": kib(lite.gzip),
    "index-js": index ? kib(index.gzipBytes / 1024) : "?",
  };
}

export function renderReadme(readme: string, bench: BundleBench): string {
  const values = figures(bench);
  return readme.replace(/<!--bench:([a-z-]+)-->(.*?)<!--\/bench-->/g, (whole, name: string) =>
    name in values ? `<!--bench:${name}-->${values[name]}<!--/bench-->` : whole,
  );
}

export const readBench = (): BundleBench => JSON.parse(readFileSync("docs/bench/bundle-size.json", "utf8"));

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const readme = readFileSync("README.md", "utf8");
  const next = renderReadme(readme, readBench());
  writeFileSync("README.md", next);
  console.log(
    next === readme ? "README figures already current" : "README figures updated from docs/bench/bundle-size.json",
  );
}
