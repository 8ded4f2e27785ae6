// A query-independent confounder gadget, found the way Shafran et al. (2025) find theirs, but
// white-box: greedy coordinate search for the word sequence that, prepended to any prompt,
// raises the router's score the most on average. Attacker's data only: split "train" prompts.
//   node tools/research/gaming/gadget-search.ts [data-dir=../shared/data] [--words 8] [--prompts 160]
// Prints the gadget; tools/research/gaming/attacks.ts keeps the one found against the pre-defence
// router as a fixed string (SUITE_STRINGS.gadget), so every later run measures the same text.
import { parseArgs } from "node:util";
import { readDataFile } from "../../lib/eval/data.ts";
import { seededRandom, shuffle } from "../../../src/util/seeded-random.ts";
import { loadScorer } from "../../lib/scorer/node-scorer.ts";
import { parseLexicon } from "../../build/gen-lexicon.ts";
import { readFileSync } from "node:fs";

export interface GadgetOptions {
  words: number;
  prompts: readonly string[];
  vocabulary: readonly string[];
  score: (prompt: string) => number;
}

/** Greedy search: each position takes the word that maximises the mean score given the others. */
export function searchGadget({ words, prompts, vocabulary, score }: GadgetOptions) {
  let gadget: string[] = [];
  let best = meanScore(prompts, "", score);
  const trace = [{ gadget: "", mean: best }];
  for (let position = 0; position < words; position++) {
    let pick: string | undefined;
    for (const word of vocabulary) {
      const candidate = [...gadget, word].join(" ");
      const mean = meanScore(prompts, candidate, score);
      if (mean > best) {
        best = mean;
        pick = word;
      }
    }
    if (!pick) break;
    gadget = [...gadget, pick];
    trace.push({ gadget: gadget.join(" "), mean: best });
  }
  return { gadget: gadget.join(" "), trace };
}

function meanScore(prompts: readonly string[], gadget: string, score: (p: string) => number): number {
  let total = 0;
  for (const p of prompts) total += score(gadget ? `${gadget} ${p}` : p);
  return total / prompts.length;
}

/** The most frequent lower-case words of the prompts, plus the scorer's cue lexicon. */
export function vocabularyOf(prompts: readonly string[], size: number): string[] {
  const counts = new Map<string, number>();
  for (const p of prompts)
    for (const w of p.toLowerCase().match(/[a-z]{3,}/g) ?? []) counts.set(w, (counts.get(w) ?? 0) + 1);
  const frequent = [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, size);
  const lexicon = parseLexicon(readFileSync("assembly/lexicon.txt", "utf8")).flatMap((g) => g.words.map((w) => w.word));
  return [...new Set([...frequent.map(([w]) => w), ...lexicon])];
}

/** The search as the suite runs it: 8 words, 80 MMLU + 80 GSM8K train prompts (seed 7), against `score`. */
export function searchTrainGadget(dataDir: string, score: (prompt: string) => number, words = 8, prompts = 160) {
  const random = seededRandom(7);
  const sets = ["routellm-mmlu", "routellm-gsm8k"].map((set) =>
    shuffle(
      readDataFile(dataDir, set)
        .rows.filter((r) => r.split === "train")
        .map((r) => r.prompt),
      random,
    ),
  );
  const half = Math.floor(prompts / 2);
  return searchGadget({
    words,
    prompts: sets.flatMap((p) => p.slice(0, half)),
    vocabulary: vocabularyOf(sets.flat(), 1500),
    score,
  });
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({
    options: { words: { type: "string", default: "8" }, prompts: { type: "string", default: "160" } },
    allowPositionals: true,
  });
  const scorer = loadScorer();
  const started = performance.now();
  const { gadget, trace } = searchTrainGadget(
    positionals[0] ?? "../shared/data",
    (primary) => scorer.score({ primary, context: "", flags: 0 }).score,
    Number(values.words),
    Number(values.prompts),
  );
  for (const t of trace) console.log(`${t.mean.toFixed(4)}  ${t.gadget}`);
  console.log(`gadget: ${JSON.stringify(gadget)} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
}
