// The category probe (issue 15): prompts whose kind of task is known — hand-written per category
// (test/fixtures/category-probe/hand-written.jsonl, never tuned on) and public categories
// (arena-hard v2.0's coding / math / creative writing, HumanEval) — scored by the router. The median
// score must order the bands
//   maths, coding, reasoning  >  extraction, STEM facts  >  writing, role-play, chit-chat
// within each source (a median over mixed sources would compare the sources' difficulty, not the
// categories'). Also the share of real chat prompts (every arena prompt) decided complex.
import { readFileSync } from "node:fs";
import { gunzipSync } from "node:zlib";
import { CHAT_FIXTURE, CHAT_FIXTURE_SETS, type FixturePrompt } from "./write-chat-fixture.ts";

export const HAND_WRITTEN = "test/fixtures/category-probe/hand-written.jsonl";
export const HAND_WRITTEN_DEV = "test/fixtures/category-probe/hand-written-dev.jsonl";

/** The bands, highest first; every category of a band must have a higher median than every category of the next. */
export const BANDS = [
  ["maths", "coding", "reasoning"],
  ["extraction", "stem_facts"],
  ["writing", "roleplay", "chitchat"],
] as const;

/** Public categories -> probe categories. */
const PUBLIC_CATEGORY: Record<string, string> = {
  math: "maths",
  coding: "coding",
  creative_writing: "writing",
  code: "coding",
};

export interface ProbePrompt {
  source: string;
  category: string;
  prompt: string;
}

const readJsonl = <T>(text: string) =>
  text
    .split("\n") // JSONL lines end at \n only: U+2028/U+2029 are legal inside JSON strings
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

export function readChatFixture(path = CHAT_FIXTURE): FixturePrompt[] {
  return readJsonl<FixturePrompt>(gunzipSync(readFileSync(path)).toString("utf8"));
}

/** The probe's prompts: the hand-written file (or the dev list) and the public categories. */
export function probePrompts(handWritten = HAND_WRITTEN): ProbePrompt[] {
  const hand = readJsonl<{ category: string; prompt: string }>(readFileSync(handWritten, "utf8")).map((r) => ({
    source: "hand-written",
    category: r.category,
    prompt: r.prompt,
  }));
  const pub = readChatFixture()
    .filter((r) => r.set === "arena-hard-v2.0" || r.set === "humaneval")
    .map((r) => ({ source: r.set, category: PUBLIC_CATEGORY[r.category ?? ""] ?? "", prompt: r.prompt }))
    .filter((r) => r.category);
  return [...hand, ...pub];
}

/** Real chat prompts: every arena prompt of the fixture. */
export function chatPrompts(): FixturePrompt[] {
  return readChatFixture().filter((r) => (CHAT_FIXTURE_SETS as readonly string[]).includes(r.set));
}

const median = (xs: readonly number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
};

export interface ProbeResult {
  /** source -> category -> { prompts, median score } */
  medians: Record<string, Record<string, { prompts: number; median: number }>>;
  /** Every pair of categories (same source, adjacent-or-farther bands) the order requires, and whether it holds. */
  checks: { source: string; higher: string; lower: string; margin: number; holds: boolean }[];
  holds: boolean;
}

export function categoryProbe(prompts: readonly ProbePrompt[], scores: readonly number[]): ProbeResult {
  const groups = new Map<string, Map<string, number[]>>();
  prompts.forEach((p, i) => {
    const bySource = groups.get(p.source) ?? groups.set(p.source, new Map()).get(p.source)!;
    (bySource.get(p.category) ?? bySource.set(p.category, []).get(p.category)!).push(scores[i]!);
  });
  const medians: ProbeResult["medians"] = {};
  const checks: ProbeResult["checks"] = [];
  const band = (c: string) => BANDS.findIndex((b) => (b as readonly string[]).includes(c));
  for (const [source, cats] of groups) {
    medians[source] = Object.fromEntries([...cats].map(([c, v]) => [c, { prompts: v.length, median: median(v) }]));
    for (const higher of cats.keys()) {
      for (const lower of cats.keys()) {
        if (band(higher) < 0 || band(lower) < 0 || band(higher) >= band(lower)) continue;
        const margin = medians[source]![higher]!.median - medians[source]![lower]!.median;
        checks.push({ source, higher, lower, margin, holds: margin > 0 });
      }
    }
  }
  return { medians, checks, holds: checks.every((c) => c.holds) };
}
