// A data file (our JSONL schema: id, prompt, [turns], [split], outcomes per model) as calibration
// rows: the two models compared, the part each row belongs to (fit or evaluation, never both),
// and the router's decision through the Worker's exact path (tools/lib/router/node-router.ts).
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { unitHash } from "../../../src/util/hash.ts";
import { modelPair, type DataRow } from "../../lib/eval/data.ts";
import type { NodeRouter } from "../../lib/router/node-router.ts";

export interface CalRow {
  id: string;
  prompt: string;
  turns?: string[];
  part: "fit" | "eval";
  strong: number;
  weak: number;
  /** The deployed router's final score with the deployment defaults (unadjusted). */
  raw: number;
  stage: string;
  features: Float32Array;
  /** The scorer's input-token estimate. */
  tokens: number;
  /** Answer lengths in tokens per model, when the file records them (meta.output_chars / 4). */
  outputTokens?: { strong: number; weak: number };
}

export interface LoadedSet {
  set: string;
  file: string;
  strong: string;
  weak: string;
  /** How the parts were made. */
  split: "split field" | "hash of id";
  rows: CalRow[];
}

export function readRows(file: string): DataRow[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line, index) => {
      const row = JSON.parse(line) as DataRow;
      if (typeof row.prompt !== "string" || typeof row.outcomes !== "object") {
        throw new Error(`${file}:${index + 1}: a row needs "prompt" and "outcomes"`);
      }
      return row;
    });
}

/**
 * Fit on split "train" and evaluate on split "test" when the file has splits; otherwise a stable
 * 80/20 split by a hash of the row id (or of the prompt, without ids).
 */
export async function loadSet(
  file: string,
  router: NodeRouter,
  pair?: { strong: string; weak: string },
): Promise<LoadedSet> {
  const all = readRows(file);
  const { strong, weak } = pair ?? modelPair(all);
  const rows = all.filter((r) => typeof r.outcomes[strong] === "number" && typeof r.outcomes[weak] === "number");
  const hasSplit = rows.some((r) => r.split === "train") && rows.some((r) => r.split === "test");
  const out: CalRow[] = [];
  for (const row of rows) {
    const part = hasSplit
      ? row.split === "train"
        ? "fit"
        : row.split === "test"
          ? "eval"
          : undefined
      : unitHash(row.id ?? row.prompt) < 0.8
        ? "fit"
        : "eval";
    if (!part) continue;
    const decision = await router.decide(row);
    const chars = row.meta?.output_chars as Record<string, number> | undefined;
    out.push({
      id: row.id ?? `row-${out.length}`,
      prompt: row.prompt,
      ...(row.turns ? { turns: row.turns } : {}),
      part,
      strong: row.outcomes[strong]!,
      weak: row.outcomes[weak]!,
      raw: decision.score,
      stage: decision.stage,
      features: decision.features,
      tokens: decision.tokens,
      ...(chars?.[strong] !== undefined && chars[weak] !== undefined
        ? { outputTokens: { strong: chars[strong] / 4, weak: chars[weak] / 4 } }
        : {}),
    });
  }
  return {
    set: all[0]?.set ?? basename(file, ".jsonl"),
    file,
    strong,
    weak,
    split: hasSplit ? "split field" : "hash of id",
    rows: out,
  };
}
