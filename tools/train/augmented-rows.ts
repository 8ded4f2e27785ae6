// Augmented training rows (tools/train/augment.ts) for every outcome row of the training data
// and, with `probes`, every prompt-only and synthetic row (no distractor sentences for those):
// each copy has its source's label and group, follows its source's cross-validation fold
// (derivedFrom) and teaches both the gate and the experts that added text changes nothing.
import { readFileSync } from "node:fs";
import type { Scorer } from "../../src/score/scorer.ts";
import { seededRandom } from "../eval/bootstrap.ts";
import { readDataFile } from "../eval/data.ts";
import { parseLexicon } from "../gen-lexicon.ts";
import { syntheticPrompts } from "../synthetic/simple-prompts.ts";
import { augmentPrompt, distractorSentences, type AugmentSources } from "./augment.ts";
import { promptFeatures } from "./features.ts";
import { PROMPT_ONLY_SETS } from "./priors.ts";
import { OUTCOME_SETS, type TrainItem } from "./training-rows.ts";

export interface AugmentOptions {
  /** Augmented copies per outcome row. */
  copies: number;
  /** Sample weight of each copy. */
  weight: number;
  seed: number;
  /** Also augment the prompt-only and synthetic rows ("probes"). */
  probes?: boolean;
  /** Probability that an addition is wrapped in a code fence. */
  fences?: number;
}

export function augmentSources(dataDir: string, seed: number): AugmentSources {
  const prompts = OUTCOME_SETS.flatMap((set) =>
    readDataFile(dataDir, set)
      .rows.filter((r) => r.split === "train")
      .map((r) => r.prompt),
  );
  const counts = new Map<string, number>();
  for (const p of prompts)
    for (const w of p.toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const words = [...counts].filter(([, c]) => c >= 5).map(([w]) => w);
  const lexicon = parseLexicon(readFileSync("assembly/lexicon.txt", "utf8"));
  const cueWords = lexicon.filter((g) => g.name !== "stop").flatMap((g) => g.words.map((w) => w.word));
  return { sentences: distractorSentences(prompts, 4000, seed), words, cueWords };
}

/** Prompts of the outcome rows by id (split "train"), for augmentation; with `probes`, also the probe rows'. */
export function trainPrompts(dataDir: string, probes = false): Map<string, string> {
  const byId = new Map<string, string>();
  for (const set of [...OUTCOME_SETS, ...(probes ? PROMPT_ONLY_SETS : [])])
    for (const r of readDataFile(dataDir, set).rows) if (r.split === "train") byId.set(r.id, r.prompt);
  if (probes) for (const p of syntheticPrompts()) byId.set(p.id, p.prompt);
  return byId;
}

export function augmentedItems(
  dataDir: string,
  scorer: Scorer,
  items: readonly TrainItem[],
  options: AugmentOptions,
): TrainItem[] {
  if (options.copies <= 0) return [];
  const sources = augmentSources(dataDir, options.seed);
  const prompts = trainPrompts(dataDir, options.probes);
  const random = seededRandom(options.seed);
  const out: TrainItem[] = [];
  for (const it of items) {
    if (it.derivedFrom || !(it.pair || (options.probes && it.probe))) continue;
    const prompt = prompts.get(it.id);
    if (prompt === undefined) continue;
    for (let c = 0; c < options.copies; c++) {
      const text = augmentPrompt(prompt, sources, random, !it.probe, options.fences ?? 0);
      out.push({
        id: `${it.id}#aug${c}`,
        set: `${it.set}#aug`,
        group: it.group,
        y: it.y,
        length: text.length,
        derivedFrom: it.id,
        weight: options.weight,
        ...promptFeatures(scorer, { prompt: text }),
      });
    }
  }
  return out;
}
