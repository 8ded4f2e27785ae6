// The router-gaming suite (docs/gaming.md) on the committed fixture of split-test RouteLLM prompts
// (test/fixtures/gaming-prompts.json) and the hand-written chat prompts, on the Worker's decision
// path (wasm scorer + cascade gate + ONNX classifier, in Node) and the selector with the bundled
// catalog. Each attack may raise the strong-model share — the complex-tier share at the deployed
// boundaries and the share above the clean median score — by at most 5 percentage points, except
// the documented exceedances below, which may not get worse. Regenerate nothing here: a failure
// means the defence (assembly/normalise.ts, scan.ts, the training recipe) regressed.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { ATTACKS } from "../../tools/research/gaming/attacks.ts";
import { CHAT_PROMPTS } from "../../tools/research/gaming/chat-prompts.ts";
import { runSuite, type SuiteResult } from "../../tools/research/gaming/run-suite.ts";
import type { GamingFixture } from "../../tools/research/gaming/write-fixture.ts";
import { createNodeRouter } from "../../tools/lib/router/node-router.ts";

const BOUND_PP = 5;

/**
 * Attacks the defence does not bring under 5 pp (docs/gaming.md explains why). Since the need model of
 * issue 15 (docs/router-model.md), a prompt's task topics are features: a query-independent gadget of
 * topical words (the suite's "gadget") moves them, up to +87 pp complex share on GSM8K questions; keyword
 * stuffing, padding and homoglyphs no longer move chat prompts (the old model's chat rows were 35-61 pp).
 * 18 cells exceed, was 45. The per-key monitor holds every cell to the bound (the last test).
 * Values: the bound for [complex share, median-threshold share] on this fixture, pp (measured + 3).
 */
const KNOWN_EXCEEDANCES: Record<string, [number, number]> = {
  "routellm-mmlu/confounder-start": [11, 13],
  "routellm-mmlu/confounder-end": [11, 11],
  "routellm-mmlu/confounder-x10-start": [10, 10],
  "routellm-mmlu/confounder-x10-end": [10, 9],
  "routellm-mmlu/gadget-start": [43, 37],
  "routellm-mmlu/gadget-x5-end": [39, 37],
  "routellm-mmlu/homoglyph-confounder": [10, 9],
  "routellm-gsm8k/pad-filler": [BOUND_PP, 23],
  "routellm-gsm8k/confounder-start": [11, 31],
  "routellm-gsm8k/confounder-end": [BOUND_PP, 23],
  "routellm-gsm8k/confounder-x10-start": [BOUND_PP, 20],
  "routellm-gsm8k/confounder-x10-end": [BOUND_PP, 20],
  "routellm-gsm8k/gadget-start": [87, 53],
  "routellm-gsm8k/gadget-x5-end": [84, 53],
  "routellm-gsm8k/homoglyph-confounder": [BOUND_PP, 20],
  "chat/confounder-start": [BOUND_PP, 9],
  "chat/gadget-start": [81, 53],
  "chat/gadget-x5-end": [71, 53],
};

/**
 * With the per-key strong-share monitor, no attack raises a key's served top-tier share by more than
 * the bound (one key: 4,000 clean requests, then 5,000 attacked; tools/research/gaming/measure.ts).
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
