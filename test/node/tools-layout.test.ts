// tools/ by purpose (README "Source layout"): what ships (build/), what the user runs (cli/), what
// produced the docs' numbers (research/), what measures speed (bench/), and what they share (lib/).
// Shared code sinks to lib/, so no folder depends on a study, a benchmark or the CLI.
import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { layerViolations, readImportGraph, type LayerRule } from "./import-graph.ts";

const TOOLS_LAYERS: LayerRule[] = [
  { unit: "cli/", mayImport: ["lib/"] },
  { unit: "research/", mayImport: ["build/", "lib/"] },
  { unit: "bench/", mayImport: ["build/", "lib/"] },
  { unit: "build/", mayImport: ["lib/"] },
  { unit: "lib/", mayImport: [] },
];

describe("tools/ import graph", () => {
  it("has only the five purpose folders at its top", () => {
    const top = readdirSync("tools", { withFileTypes: true }).map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    expect(top.sort()).toEqual(TOOLS_LAYERS.map((r) => r.unit).sort());
  });

  it("imports only downwards: lib/ from nothing, build/ from lib/, the rest from build/ and lib/", () => {
    expect(layerViolations(readImportGraph("tools"), TOOLS_LAYERS)).toEqual([]);
  });

  it("would catch a build script that reaches into a study", () => {
    const graph = new Map([
      ["build/train/main.ts", ["research/eval/report.ts", "lib/eval/data.ts"]],
      ["research/eval/report.ts", []],
      ["lib/eval/data.ts", []],
    ]);
    expect(layerViolations(graph, TOOLS_LAYERS)).toHaveLength(1);
  });
});
