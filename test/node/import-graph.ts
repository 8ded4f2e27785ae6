// The import graph of src/ and the two rules it must keep (README "Source layout"): no import points
// up the layer order, and no file-level cycle. TypeScript's own pre-processor reads the imports, so
// type-only imports, re-exports and dynamic `import()` all count.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import ts from "typescript";

/** File → the files it imports (relative imports only, paths relative to the graph's root). */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** One row of the layer table: a folder of src/ (or a top-level file) and what it may import. */
export interface LayerRule {
  unit: string;
  mayImport: readonly string[];
}

export interface Violation {
  from: string;
  to: string;
  reason: string;
}

/** The Worker's own sources under `root`: tests and declaration files are not part of the graph. */
export function sourceFiles(root: string, dir = root): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(root, path);
    const isSource = entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") && !entry.name.endsWith(".d.ts");
    return isSource ? [relative(root, path)] : [];
  });
}

/** Reads every source file's imports; imports that leave `root` (wasm/, packages) are dropped. */
export function readImportGraph(root: string): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const text = readFileSync(join(root, file), "utf8");
    graph.set(file, importsOf(file, text));
  }
  return graph;
}

/** The in-tree files one source text imports, resolved against its own path. */
export function importsOf(file: string, text: string): string[] {
  return relativeImports(file, text).filter((target) => !target.startsWith(".."));
}

/** Relative imports that leave the tree (`../wasm/scorer.wasm` from the root's point of view). */
export function importsLeaving(root: string): { from: string; to: string }[] {
  return sourceFiles(root).flatMap((file) =>
    relativeImports(file, readFileSync(join(root, file), "utf8"))
      .filter((target) => target.startsWith(".."))
      .map((to) => ({ from: file, to })),
  );
}

function relativeImports(file: string, text: string): string[] {
  const { importedFiles } = ts.preProcessFile(text, true, true);
  return importedFiles
    .map((ref) => ref.fileName)
    .filter((spec) => spec.startsWith("./") || spec.startsWith("../"))
    .map((spec) => normalize(join(dirname(file), spec)));
}

/** The layer unit a file belongs to: its top folder, or the file itself at the top level. */
export function unitOf(file: string): string {
  const [first] = file.split("/");
  return file.includes("/") ? `${first}/` : (first ?? file);
}

/**
 * Imports that break the layer table. `rules` run top to bottom (entry point first); a unit may
 * import itself, and the units its row lists, and only units listed below it.
 */
export function layerViolations(graph: ImportGraph, rules: readonly LayerRule[]): Violation[] {
  const rank = new Map(rules.map((rule, i) => [rule.unit, i]));
  const violations: Violation[] = [];
  for (const rule of rules) {
    for (const allowed of rule.mayImport) {
      const below = rank.get(allowed);
      if (below === undefined) violations.push({ from: rule.unit, to: allowed, reason: "not in the layer table" });
      else if (below <= rank.get(rule.unit)!) violations.push({ from: rule.unit, to: allowed, reason: "not below it" });
    }
  }
  for (const [file, targets] of graph) {
    const from = unitOf(file);
    const rule = rules.find((r) => r.unit === from);
    if (!rule) {
      violations.push({ from: file, to: from, reason: "unit not in the layer table" });
      continue;
    }
    for (const target of targets) {
      const to = unitOf(target);
      if (to === from || !graph.has(target)) continue;
      if (!rule.mayImport.includes(to)) {
        const reason = (rank.get(to) ?? -1) < rank.get(from)! ? "points up" : `not in ${from}'s may-import list`;
        violations.push({ from: file, to: target, reason });
      }
    }
  }
  return violations;
}

/** Imports from outside a unit that skip its entry file (a unit with rooms is reached through one file). */
export function entryViolations(graph: ImportGraph, entries: ReadonlyMap<string, string>): Violation[] {
  const violations: Violation[] = [];
  for (const [file, targets] of graph) {
    for (const target of targets) {
      const unit = unitOf(target);
      const entry = entries.get(unit);
      if (entry && unitOf(file) !== unit && target !== entry) {
        violations.push({ from: file, to: target, reason: `outside ${unit} use ${entry}` });
      }
    }
  }
  return violations;
}

/** Every set of files that import each other in a circle (Tarjan's strongly connected components). */
export function fileCycles(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const cycles: string[][] = [];
  let next = 0;

  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next += 1;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file)!, index.get(target)!));
      }
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string | undefined;
    do {
      member = stack.pop()!;
      onStack.delete(member);
      component.push(member);
    } while (member !== file);
    const selfLoop = (graph.get(file) ?? []).includes(file);
    if (component.length > 1 || selfLoop) cycles.push(component.sort());
  };

  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return cycles;
}

/**
 * The layer table from the README's "Source layout" section: rows of
 * `| \`unit\` | what lives there | \`a/\`, \`b.ts\` |`, entry point first.
 */
export function parseLayerTable(readme: string): LayerRule[] {
  const section = readme.split(/^## Source layout$/m)[1]?.split(/^## /m)[0] ?? "";
  const rules: LayerRule[] = [];
  for (const line of section.split("\n")) {
    const cells = line.split("|").map((cell) => cell.trim());
    const unit = /^`([^`]+)`$/.exec(cells[1] ?? "")?.[1];
    if (!unit || cells.length < 5) continue;
    const mayImport = [...(cells[3] ?? "").matchAll(/`([^`]+)`/g)].map((m) => m[1]!);
    rules.push({ unit, mayImport });
  }
  return rules;
}
