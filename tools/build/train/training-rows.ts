// The router's training rows, with their features computed by the production wasm
// (tools/build/train/features.ts) and their need labels (outcome-labels.ts). Every row of
// the outcome sets is loaded, train and test, because the leave-one-set-out evaluation
// scores the test rows of the set it leaves out; labels are fitted on train rows only
// and only train rows are ever fitted on. AlpacaEval files are refused (evaluation only).
import type { Scorer } from "../../../src/score/scorer.ts";
import { isLabelSuspect, readDataFile, type DataRow } from "../../lib/eval/data.ts";
import { syntheticPrompts } from "../synthetic/simple-prompts.ts";
import { promptFeatures } from "./features.ts";
import { gradeLabels, needLabels } from "./outcome-labels.ts";
import { ANCHOR_KINDS, SLOPE_WEIGHT } from "./recipe.ts";

/** Sets with per-model outcomes, and the family each belongs to (sets of one family share prompts or a benchmark). */
export const OUTCOME_SETS = {
  "routellm-mmlu": "mmlu",
  "routellm-gsm8k": "gsm8k",
  "gsm8k-gpt3": "gsm8k",
  "arena-bench-v1": "arena-bench",
  "arena-hard-v0.1-judge-gpt4turbo": "arena-hard",
  "arena-hard-v0.1-judge-gpt4o": "arena-hard",
} as const;
export type OutcomeSet = keyof typeof OUTCOME_SETS;
export const OUTCOME_SET_NAMES = Object.keys(OUTCOME_SETS) as OutcomeSet[];

/** Prompt-only sets with a difficulty grade: the grade is their label (within the set, like outcomes). */
export const GRADED_SETS: Record<string, { family: string; grade: (row: DataRow) => number | undefined }> = {
  math500: { family: "math", grade: (row) => row.meta?.level as number },
  "gsm8k-train": { family: "gsm8k", grade: (row) => row.meta?.solution_steps as number },
};

export const FORBIDDEN_SETS = ["alpacaeval1", "alpacaeval2"] as const;
export const ANCHOR_SET = "synthetic-trivial";
export const STEM_SET = "routellm-mmlu#stems";

export type ItemKind = "outcome" | "grade" | "stem" | "anchor";

export interface TrainItem {
  id: string;
  /** The set whose weight the row shares: its own, MMLU's stems, or the anchors. */
  set: string;
  family: string;
  kind: ItemKind;
  split: "train" | "test";
  features: Float32Array;
  ngrams: { index: Uint16Array; value: Float32Array };
  /** The need label (rows with outcomes or a grade; anchors get theirs from the recipe). */
  y?: number;
  /** The data row (outcome and graded sets): outcomes for evaluation, the prompt for baselines. */
  row?: DataRow;
  prompt: string;
}

export interface TrainingData {
  items: TrainItem[];
  files: { set: string; sha256: string; rows: number; labelled: number; excluded_label_suspect: number }[];
}

export function assertTrainable(set: string): void {
  if ((FORBIDDEN_SETS as readonly string[]).includes(set)) throw new Error(`${set} is evaluation-only`);
}

/**
 * An MMLU prompt without its multiple-choice scaffolding: the question stem alone
 * (choice lines "A. ..." and the trailing "Answer:" removed). Real requests rarely come in
 * that format; stems carry their question's label, so the router learns the subject from the
 * content, not from the format.
 */
export function mmluStem(prompt: string): string {
  const lines = prompt.split("\n");
  const first = lines.findIndex((line) => /^[A-D]\. /.test(line));
  const kept = first >= 0 ? lines.slice(0, first) : lines.filter((line) => line.trim() !== "Answer:");
  return kept.join("\n").trim();
}

export function loadTrainingData(dataDir: string, scorer: Scorer, slopeWeight = SLOPE_WEIGHT): TrainingData {
  const items: TrainItem[] = [];
  const files: TrainingData["files"] = [];
  const add = (
    row: DataRow,
    set: string,
    family: string,
    kind: ItemKind,
    y: number | undefined,
    prompt = row.prompt,
  ) => {
    const promptRow = prompt === row.prompt ? row : { prompt };
    items.push({
      id: row.id,
      set,
      family,
      kind,
      split: row.split,
      y,
      row,
      prompt,
      ...promptFeatures(scorer, promptRow),
    });
  };
  for (const set of OUTCOME_SET_NAMES) {
    assertTrainable(set);
    const file = readDataFile(dataDir, set);
    // MMLU rows flagged label_suspect (GPT-4's answers mis-graded upstream) neither label nor evaluate.
    const rows = file.rows.filter((r) => !isLabelSuspect(r));
    const labels = needLabels(rows, slopeWeight);
    for (const row of rows) add(row, set, OUTCOME_SETS[set], "outcome", labels.get(row.id));
    if (set === "routellm-mmlu") {
      for (const row of rows) {
        const stem = mmluStem(row.prompt);
        if (row.split === "train" && stem && stem !== row.prompt)
          add(row, STEM_SET, "mmlu", "stem", labels.get(row.id), stem);
      }
    }
    files.push({
      set,
      sha256: file.sha256,
      rows: file.rows.length,
      labelled: labels.size,
      excluded_label_suspect: file.rows.length - rows.length,
    });
  }
  for (const [set, { family, grade }] of Object.entries(GRADED_SETS)) {
    assertTrainable(set);
    const file = readDataFile(dataDir, set);
    const labels = gradeLabels(file.rows, grade);
    for (const row of file.rows) add(row, set, family, "grade", labels.get(row.id));
    files.push({ set, sha256: file.sha256, rows: file.rows.length, labelled: labels.size, excluded_label_suspect: 0 });
  }
  for (const p of syntheticPrompts().filter((p) => (ANCHOR_KINDS as readonly string[]).includes(p.kind))) {
    const row: DataRow = {
      id: p.id,
      set: ANCHOR_SET,
      category: p.kind,
      prompt: p.prompt,
      split: "train",
      outcomes: {},
      meta: {},
    };
    add(row, ANCHOR_SET, "anchor", "anchor", undefined);
  }
  return { items, files };
}
