// Issue 15's sanity that cannot be tuned away (tools/research/eval/category-probe.ts): through the Worker's
// decision path in Node (committed wasm scorer, word-topic table, cascade, ONNX classifier, fitted
// tier defaults),
//   - the median score orders maths, coding and multi-step reasoning above extraction and STEM facts,
//     above writing, role-play and chit-chat, within each source of the probe (hand-written prompts,
//     never tuned on; arena-hard v2.0's public categories; HumanEval);
//   - real chat prompts (all 1,549 arena prompts) are decided complex at most 40% of the time.
import { beforeAll, describe, expect, it } from "vitest";
import {
  categoryProbe,
  chatPrompts,
  probePrompts,
  type ProbeResult,
} from "../../tools/research/eval/category-probe.ts";
import { createNodeRouter, type NodeRouter } from "../../tools/lib/router/node-router.ts";

let router: NodeRouter;
beforeAll(async () => {
  router = await createNodeRouter();
}, 60_000);

describe("category probe", () => {
  let result: ProbeResult;
  beforeAll(async () => {
    const prompts = probePrompts();
    const scores: number[] = [];
    for (const p of prompts) scores.push((await router.decide({ prompt: p.prompt })).score);
    result = categoryProbe(prompts, scores);
  }, 120_000);

  it("covers every category by hand, and the public categories", () => {
    expect(Object.keys(result.medians["hand-written"]!).sort()).toEqual(
      ["chitchat", "coding", "extraction", "maths", "reasoning", "roleplay", "stem_facts", "writing"].sort(),
    );
    expect(Object.keys(result.medians["arena-hard-v2.0"]!).sort()).toEqual(["coding", "maths", "writing"]);
    expect(result.checks.length).toBe(3 * 2 + 3 * 3 + 2 * 3 + 2); // hand-written bands, then arena-hard v2.0
  });

  it("orders maths, coding, reasoning > extraction, STEM facts > writing, role-play, chit-chat", () => {
    const failed = result.checks.filter((c) => !c.holds).map((c) => `${c.source}: ${c.higher} <= ${c.lower}`);
    expect(failed).toEqual([]);
  });
});

describe("real chat prompts", () => {
  it("at most 40% of all arena prompts are decided complex by the default boundaries", async () => {
    const prompts = chatPrompts();
    expect(prompts.length).toBe(1549);
    let complex = 0;
    for (const p of prompts) if ((await router.decide({ prompt: p.prompt })).tier === "complex") complex++;
    expect(complex / prompts.length).toBeLessThanOrEqual(0.4);
    // And not the opposite failure: a router that never routes up saves money by losing quality.
    expect(complex / prompts.length).toBeGreaterThanOrEqual(0.1);
  }, 120_000);
});
