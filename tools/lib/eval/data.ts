// Reading the shared evaluation data (../shared/data/*.jsonl, see its README).
// Tools take the folder as an argument; nothing here is used at run time.
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";

export interface DataRow {
  id: string;
  set: string;
  category: string | null;
  prompt: string;
  turns?: string[];
  split: "train" | "test";
  outcomes: Record<string, number>;
  meta: Record<string, unknown>;
}

export interface DataFile {
  set: string;
  path: string;
  sha256: string;
  rows: DataRow[];
}

export function readDataFile(dir: string, set: string): DataFile {
  const path = join(dir, `${set}.jsonl`);
  const bytes = readFileSync(path);
  const rows = bytes
    .toString("utf8")
    .split("\n")
    .filter((line) => line.trim().length > 0)
    .map((line) => JSON.parse(line) as DataRow);
  return { set, path, sha256: createHash("sha256").update(bytes).digest("hex"), rows };
}

export interface ModelPair {
  strong: string;
  weak: string;
}

/**
 * The two models of a two-model set: the only two models with an outcome on
 * every row; the strong one has the higher mean on the train split.
 */
export function modelPair(rows: readonly DataRow[]): ModelPair {
  const counts = new Map<string, number>();
  for (const row of rows)
    for (const model of Object.keys(row.outcomes)) counts.set(model, (counts.get(model) ?? 0) + 1);
  const models = [...counts].filter(([, c]) => c === rows.length).map(([m]) => m);
  if (models.length !== 2)
    throw new Error(`expected exactly two models on every row, found ${models.join(", ") || "none"}`);
  const train = rows.filter((r) => r.split === "train");
  const mean = (m: string) => train.reduce((s, r) => s + r.outcomes[m]!, 0) / Math.max(train.length, 1);
  const [a, b] = models as [string, string];
  return mean(a) >= mean(b) ? { strong: a, weak: b } : { strong: b, weak: a };
}

/** True for rows the data README flags as having an unreliable label. */
export function isLabelSuspect(row: DataRow): boolean {
  return row.meta?.label_suspect === true;
}
