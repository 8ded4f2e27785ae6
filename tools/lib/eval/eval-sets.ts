// What the evaluation does with each data file (docs/evaluation.md explains the
// choices). Files not listed here are analysed by what they contain: a two-model
// file gets the two-model protocol, any file gets the score/tier distribution.
import type { TierMap } from "./tier-accuracy.ts";

export interface PairSpec {
  strong: string;
  weak: string;
}

export interface SetSpec {
  /** Two-model analyses; undefined = the file's own two models (if it has exactly two). */
  pairs?: PairSpec[];
  /** Also every weak model against the reference (AlpacaEval files). */
  allPairsAgainst?: string;
  /** Also the mean over the best model against every clearly weaker one (many-model sets, pairs.ts). */
  pairsAgainstBest?: boolean;
  /** Report without the rows flagged meta.label_suspect as well. */
  suspectSplit?: boolean;
  /** Models in ascending cost with the highest tier each serves (tier accuracy). */
  tierMap?: TierMap;
  /** Output tokens per answer for costs: a fixed assumption, or each answer's length (chars / 4). */
  outputTokens?: number | "meta.output_chars";
  /** Shown next to the set's tables. */
  note?: string;
}

const MIXTRAL = "mistralai/Mixtral-8x7B-Instruct-v0.1";
const GPT4 = "gpt-4-1106-preview";

export const SET_SPECS: Record<string, SetSpec> = {
  "routellm-mmlu": {
    suspectSplit: true,
    tierMap: [
      { model: MIXTRAL, maxTier: "moderate" },
      { model: GPT4, maxTier: "complex" },
    ],
    outputTokens: 5,
    note: "Costs assume 5 output tokens per answer (RouteLLM's zero-shot 'Answer:' format; lengths are not recorded).",
  },
  "routellm-gsm8k": {
    tierMap: [
      { model: MIXTRAL, maxTier: "moderate" },
      { model: GPT4, maxTier: "complex" },
    ],
    outputTokens: 200,
    note: "Costs assume 200 output tokens per answer (a worked solution; lengths are not recorded).",
  },
  alpacaeval2: {
    pairs: [{ strong: "gpt4_1106_preview", weak: "gpt-3.5-turbo-1106" }],
    allPairsAgainst: "gpt4_1106_preview",
    tierMap: [
      { model: "gpt-3.5-turbo-1106", maxTier: "moderate" },
      { model: "gpt4_1106_preview", maxTier: "complex" },
    ],
    outputTokens: "meta.output_chars",
    note:
      "Evaluation only (never trained on). The strong side is the judge's reference (outcome 0.5 on every prompt); " +
      "a model 'succeeds' when the judge prefers it at least as often as the reference. Costs use each answer's recorded length.",
  },
  "arena-bench-v1": {
    pairs: [{ strong: GPT4, weak: MIXTRAL }],
    pairsAgainstBest: true,
    note:
      "Real chat prompts (LMSYS-Chat-1M), each answer graded 1-10 by GPT-4 against a GPT-4 reference: judge scores favour " +
      "GPT-4-family answers. The stated pair is the RouteLLM pair; the mean runs over the best model against every model " +
      "at least 0.15 below it. No prices: routing quality only.",
  },
  "arena-hard-v0.1-judge-gpt4turbo": {
    pairs: [{ strong: "Nexusflow/Athene-V2-Chat", weak: "gpt-3.5-turbo-0125" }],
    pairsAgainstBest: true,
    note:
      "Arena-Hard v0.1 prompts, each model judged pairwise against gpt-4-0314 by gpt-4-1106-preview. Same prompts as the " +
      "GPT-4o-judged set (one family in the leave-one-family-out table).",
  },
  "arena-hard-v0.1-judge-gpt4o": {
    pairs: [{ strong: "gpt-4o", weak: "llama3_1_8b" }],
    pairsAgainstBest: true,
    note: "Arena-Hard v0.1 prompts, each model judged pairwise against gpt-4-0314 by GPT-4o (favours GPT-4o-family answers).",
  },
  "gsm8k-gpt3": {
    pairs: [{ strong: "gpt3-175b-verification", weak: "gpt3-6b-finetuning" }],
    tierMap: [
      { model: "gpt3-6b-finetuning", maxTier: "simple" },
      { model: "gpt3-175b-finetuning", maxTier: "moderate" },
      { model: "gpt3-175b-verification", maxTier: "complex" },
    ],
    note:
      "2021 GPT-3 models on the GSM8K test questions: a three-tier set (6B fine-tuned < 175B fine-tuned < 175B with a verifier " +
      "over 100 samples). No prices: tier accuracy only.",
  },
};

/** The files `npm run eval` reads when none are given. */
export const DEFAULT_SETS = [
  "routellm-mmlu",
  "routellm-gsm8k",
  "gsm8k-gpt3",
  "arena-bench-v1",
  "arena-hard-v0.1-judge-gpt4turbo",
  "arena-hard-v0.1-judge-gpt4o",
  "alpacaeval2",
];
