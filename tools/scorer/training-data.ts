// What the scorer is fitted on, and with which label (docs/scorer.md explains the choice).
//
// Label: P(a stronger model is needed) = P(strong model right AND weak model wrong),
// from the two-model sets (RouteLLM MMLU and GSM8K: GPT-4 vs Mixtral). Those are
// exactly the prompts where routing up pays. Only split "train" rows are used;
// MMLU rows flagged label_suspect (GPT-4 answer extraction broken upstream) are
// left out, as their labels would teach "maths -> weak model". AlpacaEval is never used.
import type { Scorer } from "../../src/score/scorer.ts";
import { isLabelSuspect, modelPair, readDataFile, type DataFile, type DataRow } from "../eval/data.ts";
import type { Example } from "./logistic.ts";

export const TWO_MODEL_SETS = ["routellm-mmlu", "routellm-gsm8k"] as const;
/** Never trained on (CC BY-NC instructions upstream; see the data README). */
export const FORBIDDEN_SETS = ["alpacaeval1", "alpacaeval2"] as const;

export interface TrainingExample extends Example {
  id: string;
  set: string;
}

export interface TrainingSet {
  file: DataFile;
  examples: TrainingExample[];
  positives: number;
  excludedSuspect: number;
}

/** The scorer input for a data row: the prompt is the last user turn (no shared file is multi-turn). */
export function scorerInput(row: DataRow) {
  return { primary: row.prompt, context: "", flags: 0 };
}

export function featurize(scorer: Scorer, row: DataRow): Float64Array {
  return Float64Array.from(scorer.score(scorerInput(row)).features);
}

export function twoModelTrainingSet(dir: string, set: string, scorer: Scorer): TrainingSet {
  if ((FORBIDDEN_SETS as readonly string[]).includes(set)) throw new Error(`${set} is evaluation-only`);
  const file = readDataFile(dir, set);
  const pair = modelPair(file.rows);
  let excludedSuspect = 0;
  let positives = 0;
  const examples: TrainingExample[] = [];
  for (const row of file.rows) {
    if (row.split !== "train") continue;
    if (isLabelSuspect(row)) {
      excludedSuspect++;
      continue;
    }
    const y = row.outcomes[pair.strong]! >= 0.5 && row.outcomes[pair.weak]! < 0.5 ? 1 : 0;
    positives += y;
    examples.push({ id: row.id, set, x: featurize(scorer, row), y, w: 1 });
  }
  return { file, examples, positives, excludedSuspect };
}
