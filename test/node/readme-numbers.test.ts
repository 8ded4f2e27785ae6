// The README's bundle-size figures come from docs/bench/bundle-size.json (npm run bench:readme).
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { figures, readBench, renderReadme } from "../../tools/bench/readme-numbers.ts";

it("README quotes the bundle sizes of the last npm run bench:bundle (run npm run bench:readme)", () => {
  const readme = readFileSync("README.md", "utf8");
  const names = [...readme.matchAll(/<!--bench:([a-z-]+)-->/g)].map((match) => match[1]);
  expect(new Set(names)).toEqual(new Set(Object.keys(figures(readBench()))));
  expect(renderReadme(readme, readBench())).toBe(readme);
});
