// `triage route`: the CLI prints the decision and why, takes the router's limits as options, and
// decides exactly as the deployed Worker does (compared with POST /v1/route on the deploy bundle
// served by bare workerd).
import { spawnSync } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  buildBundle,
  removeBundle,
  serveBundle,
  type BuiltBundle,
  type RunningWorkerd,
} from "../../tools/bench/workerd-server.ts";

const cli = (...args: string[]) => {
  const run = spawnSync(process.execPath, ["tools/cli/triage.js", "route", ...args], {
    encoding: "utf8",
    env: { ...process.env, NO_COLOR: "1" },
    timeout: 60_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
};
const json = (...args: string[]) => {
  const run = cli(...args, "--json");
  expect(run.code, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

const PROMPTS = [
  "hi",
  "Translate 'good morning' into French.",
  "Prove that there are infinitely many primes, and derive the bound step by step.",
  "Refactor this module for testability and explain each step:\n```ts\nexport function run(db, http) {\n  for (const r of db.query('select * from users')) http.post('/sync', r);\n}\n```",
];

describe("triage route", () => {
  it("prints the decision, the chosen model against the baseline, and the features behind the score", () => {
    const run = cli("Prove that there are infinitely many primes, and derive the bound step by step.");
    expect(run.code, run.stderr).toBe(0);
    for (const text of ["tier", "stage", "model", "baseline", "why", "topics:", "score = sigmoid(z)"]) {
      expect(run.stdout).toContain(text);
    }
  });

  it("explains the score: the recomputed linear model equals the wasm score, and names the topics and features", () => {
    const out = json("Prove that there are infinitely many primes.", "--classifier", "off");
    expect(out.stage).toBe("heuristic");
    const { explanation } = out;
    // float32 wasm arithmetic vs float64 here
    expect(explanation.score).toBeCloseTo(out.score, 5);
    expect(1 / (1 + Math.exp(-explanation.z))).toBeCloseTo(explanation.score, 12);
    expect(explanation.topics[0].topic).toMatch(/math|logic/);
    expect(explanation.inputs.length).toBeGreaterThan(0);
    const sorted = explanation.inputs.map((c: any) => Math.abs(c.contribution));
    expect(sorted).toEqual([...sorted].sort((a: number, b: number) => b - a));
  });

  it("takes the router's limits as options", () => {
    expect(json("hi", "--min-tier", "complex").tier).toBe("complex");
    expect(json("hi", "--objective", "quality").objective).toBe("quality");
    const openaiOnly = json("hi", "--providers", "openai");
    expect(openaiOnly.candidates.every((c: any) => c.provider === "openai")).toBe(true);
    const denied = json("hi", "--deny-providers", "groq,mistral");
    expect(denied.candidates.some((c: any) => ["groq", "mistral"].includes(c.provider))).toBe(false);
    expect(json("hi", "--model", "openai/gpt-4.1").model).toBe("openai/gpt-4.1");
  });

  it("fails clearly: an unsatisfiable limit names its parameter, a bad option prints the usage", () => {
    const tooCheap = cli("hi", "--max-cost", "0.0000000001", "--json");
    expect(tooCheap.code).toBe(1);
    expect(JSON.parse(tooCheap.stdout).error.param).toBe("router.max_cost_usd");
    const bad = cli("hi", "--frobnicate");
    expect(bad.code).toBe(2);
    expect(bad.stderr).toContain("Usage: triage route");
    expect(cli("hi", "--min-tier", "huge").code).toBe(1);
  });
});

describe("triage route decides as the deployed Worker", () => {
  let bundle: BuiltBundle;
  let server: RunningWorkerd;

  beforeAll(async () => {
    bundle = buildBundle();
    // Every provider reachable, as in the CLI (nothing is called: /v1/route makes no upstream call).
    server = await serveBundle(bundle, {
      vars: { DEV_UPSTREAM_URL: "http://127.0.0.1:9", ROUTER_CLASSIFIER: "off", ROUTER_AUTH: "open" },
    });
  }, 120_000);

  afterAll(async () => {
    await server?.stop();
    if (bundle) removeBundle(bundle);
  });

  it.each(PROMPTS)("same decision for %j", async (prompt) => {
    const local = json(prompt, "--classifier", "off");
    const res = await fetch(`${server.base}/v1/route`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ model: "auto", messages: [{ role: "user", content: prompt }] }),
    });
    const remote = (await res.json()) as any;
    for (const key of ["model", "tier", "decided_tier", "stage", "objective", "tier_floor", "candidates", "baseline"]) {
      expect(local[key], key).toEqual(remote[key]);
    }
    expect(local.score).toBeCloseTo(remote.score, 12);
  });
});
