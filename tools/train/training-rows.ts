// The training rows of the router (split "train" only), with their features
// computed by the production wasm. AlpacaEval files are refused (evaluation only).
import type { Scorer } from "../../src/score/scorer.ts";
import type { PairOutcome } from "../eval/two-model.ts";
import { isLabelSuspect, modelPair, readDataFile, type DataFile } from "../eval/data.ts";
import { SYNTHETIC_SET, syntheticPrompts } from "../synthetic/simple-prompts.ts";
import { promptFeatures, type PromptFeatures } from "./features.ts";
import { winRateTarget } from "./labels.ts";
import { priorGroupOf, PROMPT_ONLY_SETS } from "./priors.ts";

export const OUTCOME_SETS = ["routellm-mmlu", "routellm-gsm8k"] as const;
/** Prompt-only GSM8K train questions: extra rows for the gate's "gsm8k" group (no outcome). */
export const GATE_ONLY_SETS = ["gsm8k-train"] as const;
export const FORBIDDEN_SETS = ["alpacaeval1", "alpacaeval2"] as const;

export interface TrainItem extends PromptFeatures {
  id: string;
  set: string;
  /** Prompt group: "mmlu:<subject>", "gsm8k", "synthetic-simple" or a prior group (priors.ts). */
  group: string;
  /** Win-rate target; undefined for rows that only teach the gate. */
  y: number | undefined;
  /** Prompt length in UTF-16 units (the length baseline). */
  length: number;
  /** Both models' outcomes (two-model sets), for APGR in cross-validation. */
  pair?: PairOutcome;
  /** A derived row (an MMLU stem, an augmented copy) follows this outcome row's cross-validation fold. */
  derivedFrom?: string;
  /** Sample weight, when not the recipe's default for its kind of row. */
  weight?: number;
  /**
   * A row of a prompt-only set or a synthetic prompt: held out in its own cross-validation fold
   * and scored there (tier shares per group, tools/train-router.ts), though it has no outcome.
   */
  probe?: true;
}

export interface TrainingData {
  items: TrainItem[];
  files: { set: string; sha256: string; rows: number; used: number; excluded_label_suspect: number }[];
}

export function assertTrainable(set: string): void {
  if ((FORBIDDEN_SETS as readonly string[]).includes(set)) throw new Error(`${set} is evaluation-only`);
}

function groupOf(file: DataFile, category: string | null): string {
  if (file.set === "routellm-mmlu") return `mmlu:${category ?? "unknown"}`;
  return "gsm8k";
}

/**
 * An MMLU prompt without its multiple-choice scaffolding: the question stem alone
 * (choice lines "A. ..." and the trailing "Answer:" removed). Real requests rarely
 * come in that format; stems teach the gate to recognise a subject by its content.
 */
export function mmluStem(prompt: string): string {
  const lines = prompt.split("\n");
  const first = lines.findIndex((line) => /^[A-D]\. /.test(line));
  const kept = first >= 0 ? lines.slice(0, first) : lines.filter((line) => line.trim() !== "Answer:");
  return kept.join("\n").trim();
}

export function loadTrainingData(
  dataDir: string,
  scorer: Scorer,
  options: { gateOnly: boolean; stems: boolean; promptOnly?: boolean },
): TrainingData {
  const items: TrainItem[] = [];
  const files: TrainingData["files"] = [];
  const sets = [...OUTCOME_SETS, ...(options.gateOnly ? GATE_ONLY_SETS : [])];
  for (const set of sets) {
    assertTrainable(set);
    const file = readDataFile(dataDir, set);
    const pair = (OUTCOME_SETS as readonly string[]).includes(set) ? modelPair(file.rows) : undefined;
    let used = 0;
    let suspect = 0;
    for (const row of file.rows) {
      if (row.split !== "train") continue;
      if (isLabelSuspect(row)) {
        suspect++; // GPT-4's answers were mis-graded upstream: the label would teach "maths -> weak"
        continue;
      }
      used++;
      items.push({
        id: row.id,
        set,
        group: groupOf(file, row.category),
        y: pair ? winRateTarget(row.outcomes[pair.strong]!, row.outcomes[pair.weak]!) : undefined,
        length: row.prompt.length,
        ...(pair ? { pair: { strong: row.outcomes[pair.strong]!, weak: row.outcomes[pair.weak]! } } : {}),
        ...promptFeatures(scorer, row),
      });
      const stem = set === "routellm-mmlu" && options.stems ? mmluStem(row.prompt) : "";
      if (stem && stem !== row.prompt) {
        // Gate-only: the stem's outcome is unknown (the models answered the full prompt).
        const group = groupOf(file, row.category);
        items.push({
          id: `${row.id}#stem`,
          set: `${set}#stem`,
          group,
          y: undefined,
          length: stem.length,
          derivedFrom: row.id,
          ...promptFeatures(scorer, { prompt: stem }),
        });
      }
    }
    files.push({ set, sha256: file.sha256, rows: file.rows.length, used, excluded_label_suspect: suspect });
  }
  // Prompt-only sets (no outcomes): gate rows of the prior groups (priors.ts).
  for (const set of options.promptOnly ? PROMPT_ONLY_SETS : []) {
    assertTrainable(set);
    const file = readDataFile(dataDir, set);
    let used = 0;
    for (const row of file.rows) {
      if (row.split !== "train") continue;
      used++;
      items.push({
        id: row.id,
        set,
        group: priorGroupOf(set, row),
        y: undefined,
        length: row.prompt.length,
        probe: true,
        ...promptFeatures(scorer, row),
      });
    }
    files.push({ set, sha256: file.sha256, rows: file.rows.length, used, excluded_label_suspect: 0 });
  }
  for (const p of syntheticPrompts()) {
    items.push({
      id: p.id,
      set: SYNTHETIC_SET,
      group: SYNTHETIC_SET,
      y: 0.5,
      length: p.prompt.length,
      probe: true,
      ...promptFeatures(scorer, p),
    });
  }
  return { items, files };
}
