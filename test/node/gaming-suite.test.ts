// The router-gaming suite (docs/gaming.md) on the committed fixture of split-test RouteLLM prompts
// (test/fixtures/gaming-prompts.json) and the hand-written chat prompts, on the Worker's decision
// path (wasm scorer + cascade gate + ONNX classifier, in Node) and the selector with the bundled
// catalog. Each attack may raise the strong-model share — the complex-tier share at the deployed
// boundaries and the share above the clean median score — by at most 5 percentage points, except
// the documented exceedances below, which may not get worse. Regenerate nothing here: a failure
// means the defence (assembly/normalise.ts, scan.ts, the training recipe) regressed.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ATTACKS } from "../../tools/gaming/attacks.ts";
import { CHAT_PROMPTS } from "../../tools/gaming/chat-prompts.ts";
import { runSuite, type SuiteResult } from "../../tools/gaming/run-suite.ts";
import type { GamingFixture } from "../../tools/gaming/write-fixture.ts";
import { createNodeRouter } from "../../tools/router/node-router.ts";

const BOUND_PP = 5;

/**
 * Attacks the defence does not bring under 5 pp (docs/gaming.md explains why: added content moves
 * a bag-of-words router's subject gate, and scores sit close together around the median). Since the
 * prompt-only training groups (arena-hard, MATH, HumanEval; docs/router-model.md) a short chat prompt
 * with added cue words, filler or a confounder reads as an arena-hard request, so the chat rows grew
 * from <= 5 pp to 35-58 pp: the price of routing real hard prompts to the strong tier at all.
 * Values: the bound for [complex share, median-threshold share] on this fixture, pp (measured + 3).
 */
const KNOWN_EXCEEDANCES: Record<string, [number, number]> = {
  "routellm-mmlu/stuff-cues-end": [10, 22],
  "routellm-mmlu/stuff-cues-start": [11, 21],
  "routellm-mmlu/stuff-cues-x5": [11, 25],
  "routellm-mmlu/pad-filler": [BOUND_PP, 43],
  "routellm-mmlu/pad-filler-x3": [BOUND_PP, 41],
  "routellm-mmlu/pad-repeat-sentence": [BOUND_PP, 9],
  "routellm-mmlu/confounder-start": [BOUND_PP, 11],
  "routellm-mmlu/confounder-x10-start": [BOUND_PP, 11],
  "routellm-mmlu/gadget-start": [BOUND_PP, 26],
  "routellm-mmlu/gadget-x5-end": [BOUND_PP, 26],
  "routellm-mmlu/fullwidth-cues": [10, 22],
  "routellm-mmlu/math-bold-cues": [10, 22],
  "routellm-mmlu/fenced-padding": [BOUND_PP, 19],
  "routellm-gsm8k/stuff-cues-end": [44, 39],
  "routellm-gsm8k/stuff-cues-start": [45, 39],
  "routellm-gsm8k/stuff-cues-x5": [46, 41],
  "routellm-gsm8k/pad-filler": [17, 22],
  "routellm-gsm8k/pad-filler-x3": [18, 25],
  "routellm-gsm8k/confounder-start": [13, 13],
  "routellm-gsm8k/confounder-end": [15, 16],
  "routellm-gsm8k/confounder-x10-start": [15, 13],
  "routellm-gsm8k/confounder-x10-end": [12, 13],
  "routellm-gsm8k/gadget-start": [13, 15],
  "routellm-gsm8k/homoglyph-confounder": [12, 13],
  "routellm-gsm8k/fullwidth-cues": [44, 39],
  "routellm-gsm8k/math-bold-cues": [44, 39],
  "routellm-gsm8k/fenced-cues": [8, 11],
  "routellm-gsm8k/fenced-padding": [9, 10],
  "chat/stuff-cues-end": [61, 53],
  "chat/stuff-cues-start": [61, 53],
  "chat/stuff-cues-x5": [61, 53],
  "chat/pad-filler": [58, 51],
  "chat/pad-filler-x3": [58, 51],
  "chat/pad-repeat-sentence": [23, 21],
  "chat/confounder-start": [48, 41],
  "chat/confounder-end": [46, 43],
  "chat/confounder-x10-start": [48, 46],
  "chat/confounder-x10-end": [46, 46],
  "chat/gadget-start": [46, 43],
  "chat/gadget-x5-end": [46, 38],
  "chat/homoglyph-confounder": [46, 46],
  "chat/fullwidth-cues": [61, 53],
  "chat/math-bold-cues": [61, 53],
  "chat/fenced-cues": [38, 36],
  "chat/fenced-padding": [56, 51],
};

/**
 * With the per-key strong-share monitor, no attack raises a key's served top-tier share by more than
 * the bound (one key: 4,000 clean requests, then 5,000 attacked; tools/gaming/measure.ts).
 */
const MONITORED_BOUND_PP = BOUND_PP;

let result: SuiteResult;

beforeAll(async () => {
  const fixture = JSON.parse(readFileSync("test/fixtures/gaming-prompts.json", "utf8")) as GamingFixture;
  const sets = Object.entries(fixture.sets).map(([set, rows]) => ({ set, rows: rows.map((r) => ({ set, ...r })) }));
  sets.push({ set: "chat", rows: CHAT_PROMPTS.map((prompt, i) => ({ set: "chat", id: `chat/${i}`, prompt })) });
  result = await runSuite(await createNodeRouter(), sets);
}, 120_000);

describe("router gaming", () => {
  it("measures every attack on every set", () => {
    expect(result.attacks.length).toBe(ATTACKS.length * 3);
    expect(result.sets.map((s) => s.prompts)).toEqual([240, 120, CHAT_PROMPTS.length]);
  });

  it.each(ATTACKS.map((a) => a.name))("%s raises the strong-model share by at most the bound", (name) => {
    for (const r of result.attacks.filter((x) => x.attack === name)) {
      const [complex, median] = KNOWN_EXCEEDANCES[`${r.set}/${name}`] ?? [BOUND_PP, BOUND_PP];
      expect(r.complex.shiftPp, `${r.set}: complex-tier share`).toBeLessThanOrEqual(complex);
      expect(r.median.shiftPp, `${r.set}: share above the clean median`).toBeLessThanOrEqual(median);
    }
  });

  it("look-alikes, invisible characters and comments change nothing at all", () => {
    const invariant = ["homoglyph-prompt", "fullwidth-prompt", "math-bold-prompt", "zero-width-interleave"];
    for (const r of result.attacks.filter((x) =>
      [...invariant, "soft-hyphens", "tag-smuggled-cues"].includes(x.attack),
    )) {
      expect(r.meanScoreShift, `${r.set}/${r.attack}`).toBe(0);
    }
  });

  it("the exceedance list is not stale: each entry still exceeds 5 pp somewhere", () => {
    for (const key of Object.keys(KNOWN_EXCEEDANCES)) {
      const r = result.attacks.find((x) => `${x.set}/${x.attack}` === key)!;
      expect(Math.max(r.complex.shiftPp, r.median.shiftPp), key).toBeGreaterThan(BOUND_PP);
    }
  });

  it("with the strong-share monitor, a key's served top-tier share moves at most MONITORED_BOUND_PP", () => {
    for (const r of result.attacks) {
      expect(r.monitored.shiftPp, `${r.set}/${r.attack}`).toBeLessThanOrEqual(MONITORED_BOUND_PP);
      expect(r.monitored.shiftPp, `${r.set}/${r.attack}`).toBeLessThanOrEqual(Math.max(r.served.shiftPp, 0) + 1.5);
    }
  });

  it("a fresh key gaming from its first request gets no more than a warm one (no clean warm-up needed)", () => {
    for (const r of result.attacks) {
      expect(r.fresh.shiftPp, `${r.set}/${r.attack}`).toBeLessThanOrEqual(MONITORED_BOUND_PP);
    }
  });
});
