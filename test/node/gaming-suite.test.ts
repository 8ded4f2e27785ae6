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
 * a bag-of-words router's subject gate, and scores sit close together around the median).
 * Values: the bound for [complex share, median-threshold share] on this fixture, pp (measured + 3).
 */
const KNOWN_EXCEEDANCES: Record<string, [number, number]> = {
  "routellm-mmlu/pad-filler": [BOUND_PP, 48],
  "routellm-mmlu/pad-filler-x3": [BOUND_PP, 48],
  "routellm-mmlu/pad-repeat-sentence": [BOUND_PP, 9],
  "routellm-mmlu/gadget-start": [BOUND_PP, 23],
  "routellm-mmlu/gadget-x5-end": [BOUND_PP, 24],
  "routellm-mmlu/fenced-padding": [BOUND_PP, 21],
  "routellm-gsm8k/pad-filler": [BOUND_PP, 13],
  "routellm-gsm8k/pad-filler-x3": [BOUND_PP, 12],
  "routellm-gsm8k/confounder-start": [9, BOUND_PP],
  "routellm-gsm8k/confounder-x10-start": [9, BOUND_PP],
  "routellm-gsm8k/gadget-start": [23, 31],
  "routellm-gsm8k/gadget-x5-end": [10, 14],
  "chat/pad-filler": [BOUND_PP, 53],
  "chat/pad-filler-x3": [BOUND_PP, 53],
  "chat/pad-repeat-sentence": [BOUND_PP, 28],
  "chat/confounder-start": [BOUND_PP, 21],
  "chat/confounder-end": [BOUND_PP, 13],
  "chat/confounder-x10-start": [BOUND_PP, 23],
  "chat/confounder-x10-end": [BOUND_PP, 18],
  "chat/gadget-start": [BOUND_PP, 33],
  "chat/gadget-x5-end": [BOUND_PP, 31],
  "chat/homoglyph-confounder": [BOUND_PP, 18],
  "chat/fenced-padding": [BOUND_PP, 46],
};

/** With the per-key strong-share monitor, no attack raises a key's served top-tier share by more than this. */
const MONITORED_BOUND_PP = 12;

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
});
