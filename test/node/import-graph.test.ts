// The layer order of src/ is written once, in the README's "Source layout" table; these tests hold the
// import graph to it (no import points up, none outside a folder's list, no file-level cycle) and hold
// the table to the tree. The checker's own tests run it on tiny graphs, so a broken checker cannot pass.
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  entryViolations,
  fileCycles,
  importsLeaving,
  importsOf,
  layerViolations,
  parseLayerTable,
  readImportGraph,
  sourceFiles,
  unitOf,
  type LayerRule,
} from "./import-graph.ts";

const rules = parseLayerTable(readFileSync("README.md", "utf8"));
/** Folders with rooms: the rest of src/ reaches them through one file. */
const ENTRIES = new Map([["learning/", "learning/index.ts"]]);

describe("src/ import graph", () => {
  const graph = readImportGraph("src");

  it("reads the README's layer table", () => {
    expect(rules.map((r) => r.unit)).toContain("pipeline/");
    expect(rules.length).toBeGreaterThan(20);
  });

  it("has one table row per folder and top-level file of src/, and no row for anything else", () => {
    const tree = readdirSync("src", { withFileTypes: true })
      .filter((e) => e.isDirectory() || (e.name.endsWith(".ts") && !e.name.endsWith(".test.ts")))
      .map((e) => (e.isDirectory() ? `${e.name}/` : e.name));
    expect([...rules.map((r) => r.unit)].sort()).toEqual(tree.sort());
  });

  it("has no import pointing up the layer order or outside a folder's may-import list", () => {
    expect(layerViolations(graph, rules)).toEqual([]);
  });

  it("reaches outside src/ only for the committed build in wasm/ (never test support or tools)", () => {
    expect(importsLeaving("src").filter(({ to }) => !to.startsWith("../wasm/"))).toEqual([]);
    expect(importsLeaving("src").length).toBeGreaterThan(0);
  });

  it("reaches learning/ through its index.ts only", () => {
    expect(entryViolations(graph, ENTRIES)).toEqual([]);
  });

  it("has one SSE reader for upstream streams: only stream/sse-events.ts parses SSE (on eventsource-parser)", () => {
    const parsers = sourceFiles("src").filter((file) =>
      /from "eventsource-parser"/.test(readFileSync(join("src", file), "utf8")),
    );
    expect(parsers).toEqual(["stream/sse-events.ts"]);
    const streamConverters = [...graph.keys()].filter((file) => file.endsWith("/convert-stream.ts"));
    expect(streamConverters.length).toBeGreaterThanOrEqual(3);
    for (const file of streamConverters) expect(graph.get(file), file).toContain("stream/sse-events.ts");
  });

  it("has no file-level import cycle (type-only imports included)", () => {
    expect(fileCycles(graph)).toEqual([]);
  });
});

describe("the import-graph checker", () => {
  const order: LayerRule[] = [
    { unit: "routes/", mayImport: ["pipeline/", "schema/"] },
    { unit: "pipeline/", mayImport: ["schema/"] },
    { unit: "schema/", mayImport: [] },
  ];

  it("reads value, type-only, re-exported and dynamic imports, relative to the file", () => {
    const text = [
      `import { a } from "./a.ts";`,
      `import type { B } from "../schema/b.ts";`,
      `export { c } from "./c.ts";`,
      `const d = () => import("./d.ts");`,
      `import * as z from "zod";`,
      `import wasm from "../../wasm/scorer.wasm";`,
    ].join("\n");
    expect(importsOf("pipeline/x.ts", text)).toEqual([
      "pipeline/a.ts",
      "schema/b.ts",
      "pipeline/c.ts",
      "pipeline/d.ts",
    ]);
  });

  it("names a file's unit: its top folder, or itself at the top", () => {
    expect(unitOf("providers/openai/adapter.ts")).toBe("providers/");
    expect(unitOf("env.ts")).toBe("env.ts");
  });

  it("passes imports that point down and are listed", () => {
    const graph = new Map([
      ["routes/chat.ts", ["pipeline/serve.ts", "schema/facts.ts"]],
      ["pipeline/serve.ts", ["schema/facts.ts"]],
      ["schema/facts.ts", []],
    ]);
    expect(layerViolations(graph, order)).toEqual([]);
  });

  it("flags an import that points up, one missing from the list, and a list that points up", () => {
    const graph = new Map([
      ["schema/facts.ts", ["pipeline/serve.ts"]],
      ["pipeline/serve.ts", []],
      ["routes/chat.ts", []],
    ]);
    expect(layerViolations(graph, order)).toEqual([
      { from: "schema/facts.ts", to: "pipeline/serve.ts", reason: "points up" },
    ]);
    const unlisted: LayerRule[] = [
      { unit: "routes/", mayImport: [] },
      { unit: "pipeline/", mayImport: ["routes/"] },
    ];
    expect(
      layerViolations(
        new Map([
          ["routes/a.ts", ["pipeline/b.ts"]],
          ["pipeline/b.ts", []],
        ]),
        unlisted,
      ),
    ).toEqual([
      { from: "pipeline/", to: "routes/", reason: "not below it" },
      { from: "routes/a.ts", to: "pipeline/b.ts", reason: "not in routes/'s may-import list" },
    ]);
  });

  it("flags an import that skips a unit's entry file, not one from inside the unit", () => {
    const graph = new Map([
      ["routes/a.ts", ["learning/index.ts", "learning/online/b.ts"]],
      ["learning/index.ts", ["learning/online/b.ts"]],
      ["learning/online/b.ts", []],
    ]);
    expect(entryViolations(graph, new Map([["learning/", "learning/index.ts"]]))).toEqual([
      { from: "routes/a.ts", to: "learning/online/b.ts", reason: "outside learning/ use learning/index.ts" },
    ]);
  });

  it("flags a file whose folder has no row", () => {
    const graph = new Map([["extra/x.ts", []]]);
    expect(layerViolations(graph, order)).toEqual([
      { from: "extra/x.ts", to: "extra/", reason: "unit not in the layer table" },
    ]);
  });

  it("finds file cycles, within a folder too, and self-imports", () => {
    const graph = new Map([
      ["a/one.ts", ["a/two.ts"]],
      ["a/two.ts", ["b/three.ts"]],
      ["b/three.ts", ["a/one.ts"]],
      ["b/four.ts", ["b/four.ts"]],
      ["b/five.ts", ["a/one.ts"]],
    ]);
    expect(fileCycles(graph)).toEqual([["a/one.ts", "a/two.ts", "b/three.ts"], ["b/four.ts"]]);
    expect(
      fileCycles(
        new Map([
          ["a.ts", ["b.ts"]],
          ["b.ts", []],
        ]),
      ),
    ).toEqual([]);
  });

  it("parses the layer table rows in order, with an empty list for a dash", () => {
    const readme = [
      "## Source layout",
      "",
      "| unit | what lives there | may import |",
      "| --- | --- | --- |",
      "| `routes/` | endpoints | `pipeline/`, `schema/` |",
      "| `schema/` | contracts | — |",
      "",
      "## Next",
      "| `ignored/` | not in the section | — |",
    ].join("\n");
    expect(parseLayerTable(readme)).toEqual([
      { unit: "routes/", mayImport: ["pipeline/", "schema/"] },
      { unit: "schema/", mayImport: [] },
    ]);
  });
});
