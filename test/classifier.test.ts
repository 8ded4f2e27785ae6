// The ONNX classifier inside workerd: the real onnxruntime-web, the committed
// model, the real gate. The only test file that loads ORT's 14 MB wasm (each file
// that does pays ~5 s in the pool), so every ORT-touching check lives here, in order:
// idle -> pending while loading -> ready -> classifier decisions and parity.
import { describe, expect, it } from "vitest";
import { cascade } from "../src/classify/cascade.ts";
import { createClassifierSlot, isolateClassifier } from "../src/classify/classifier-slot.ts";
import type { OnnxClassifier } from "../src/classify/onnx/onnx-classifier.ts";
import type { Env } from "../src/env.ts";
import { createApp } from "../src/index.ts";
import { parseChatRequest } from "../src/schema/parse-request.ts";
import { toCanonicalRequest } from "../src/schema/to-canonical.ts";
import { assembleFeatures } from "../src/classify/feature-vector.ts";
import { getScorer } from "../src/score/default-scorer.ts";
import { promptView } from "../src/score/prompt-view.ts";
import { FITTED_TIER_DEFAULTS } from "../src/score/tier-defaults.ts";
import classifierGolden from "./fixtures/classifier-golden.json";
import { GOLDEN_INPUTS } from "./fixtures/scorer-golden-prompts.ts";
import committedMeta from "../wasm/classifier.meta.json";
import weightsJson from "../wasm/classifier.weights.json";
import { parseClassifierSpec } from "../tools/build/classifier/classifier-spec.ts";
import { referenceForward, sampleRows } from "../tools/build/classifier/reference-forward.ts";
import { chatBody, jsonPost, testEnv } from "./helpers.ts";

const spec = parseClassifierSpec(weightsJson);
// The model decides with the router's tier boundaries ("tiers"): the fitted defaults here.
const [low, high] = FITTED_TIER_DEFAULTS.tier_boundaries;
/** Band 0.5 makes every score uncertain, so the tests do not depend on the scorer's weights. */
const ON: Partial<Env> = { ROUTER_CLASSIFIER: "on", ROUTER_UNCERTAINTY_BAND: "0.5" };
const PROMPTS = [
  "hi",
  "Translate 'good morning' into French.",
  "Prove that there are infinitely many primes, step by step.",
  "```ts\nconst x: number = '1';\n```\nWhy does this not compile? Fix it and explain the type error.",
  "Summarise the causes of the First World War in three bullet points.",
];

/** Calls the real app with a recording ExecutionContext, so tests can await what it kept alive. */
function harness() {
  const held: Promise<unknown>[] = [];
  const ctx = {
    waitUntil: (promise: Promise<unknown>) => void held.push(promise),
    passThroughOnException: () => undefined,
    props: {},
  } as unknown as ExecutionContext;
  const app = createApp();
  const call = (path: string, init: RequestInit | undefined, env: Partial<Env>) =>
    app.fetch(new Request(`http://router.test${path}`, init), { ...testEnv, ...env }, ctx);
  const route = async (text: string, env: Partial<Env> = ON) => {
    const res = await call("/v1/route", jsonPost(chatBody(text)), env);
    expect(res.status).toBe(200);
    return (await res.json()) as { stage: string; decided_tier: string; score: number; confidence: number };
  };
  // /healthz shows the classifier only to the admin token.
  const health = async (env: Partial<Env> = ON) => {
    const init = { headers: { authorization: `Bearer ${HEALTH_TOKEN}` } };
    const res = await call("/healthz", init, { ...env, ADMIN_TOKEN: HEALTH_TOKEN });
    return ((await res.json()) as { classifier: { state: string; model?: string } }).classifier;
  };
  return { held, call, route, health };
}

const HEALTH_TOKEN = "health-token-0123456789abcdef";

/** The classifier's input row for a one-message chat request, exactly as the gate builds it. */
function featuresOf(text: string): Float32Array {
  const request = toCanonicalRequest(parseChatRequest(JSON.parse(chatBody(text))));
  const prompt = promptView(request);
  const out = getScorer().score(prompt);
  const ngrams = { index: out.ngrams.index.slice(), value: out.ngrams.value.slice() };
  return assembleFeatures(committedMeta.input as never, { scorerFeatures: out.features.slice(), ngrams, prompt });
}

/** The isolate's classifier; only valid after the load test above has run. */
function readyClassifier(): OnnxClassifier {
  const access = isolateClassifier.acquire(() => undefined);
  if (access.state !== "ready") throw new Error(`classifier is ${access.state}`);
  return access.classifier as OnnxClassifier;
}

const referencePStrong = (row: Float32Array) => referenceForward(spec, row).p_strong![0]!;
const tierOf = (p: number) => (p < low ? "simple" : p < high ? "moderate" : "complex");

describe("ONNX classifier in workerd", () => {
  it("is not loaded by confident prompts or at startup", async () => {
    const h = harness();
    expect(await h.health()).toEqual({ state: "idle" });
    const decision = await h.route("Prove that sqrt(2) is irrational.", { ...ON, ROUTER_UNCERTAINTY_BAND: "0" });
    expect(decision.stage).toBe("heuristic");
    expect(await h.health()).toEqual({ state: "idle" });
  });

  it("with the switch off, uncertain prompts stay heuristic and nothing loads", async () => {
    const h = harness();
    const off = { ...ON, ROUTER_CLASSIFIER: "off" };
    expect((await h.route(PROMPTS[0]!, off)).stage).toBe("heuristic");
    expect(await h.health(off)).toEqual({ state: "off" });
    expect(isolateClassifier.status()).toEqual({ state: "idle" });
  });

  it("a bad ROUTER_CLASSIFIER is a clear 500 on every routed request, and /healthz says so", async () => {
    const h = harness();
    const bad = { ...ON, ROUTER_CLASSIFIER: "maybe" };
    const res = await h.call("/v1/route", jsonPost(chatBody("Prove it.")), { ...bad, ROUTER_UNCERTAINTY_BAND: "0" });
    expect(res.status).toBe(500);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("router_misconfigured");
    expect(await h.health(bad)).toEqual({ state: "misconfigured" });
  });

  it("the first uncertain prompts take the safe side while one shared load runs (kept alive by waitUntil)", async () => {
    const h = harness();
    const decisions = await Promise.all(PROMPTS.slice(0, 3).map((text) => h.route(text)));
    for (const d of decisions) {
      expect(d.stage).toBe("heuristic-pending");
      // Upper side of the nearest boundary.
      expect(d.decided_tier).toBe(d.score < (low + high) / 2 ? "moderate" : "complex");
    }
    expect(isolateClassifier.status()).toEqual({ state: "loading" });
    expect(await h.health()).toEqual({ state: "loading" });
    // Each of the three requests handed the same load to waitUntil (other background work, such as
    // a stats flush, may be held too).
    const handedOver = new Map<Promise<unknown>, number>();
    for (const promise of h.held) handedOver.set(promise, (handedOver.get(promise) ?? 0) + 1);
    expect(Math.max(...handedOver.values())).toBe(3);

    await Promise.all(h.held);
    expect(await h.health()).toEqual({ state: "ready", model: committedMeta.version });
  }, 60_000); // the pool ships ORT's 14 MB wasm to workerd as a JSON number array: ~5 s, more under load

  it("once ready, uncertain prompts are decided by the classifier (its P(strong) and thresholds)", async () => {
    const h = harness();
    for (const text of PROMPTS) {
      const decision = await h.route(text);
      const p = referencePStrong(featuresOf(text));
      expect(decision.stage).toBe("classifier");
      expect(Math.abs(decision.score - p)).toBeLessThan(1e-5);
      expect(decision.decided_tier).toBe(tierOf(p));
      expect(decision.confidence).toBeCloseTo(Math.min(Math.abs(p - low), Math.abs(p - high)), 4);
    }
  });

  it("chat completions report stage classifier in x-router-stage", async () => {
    const h = harness();
    const res = await h.call("/v1/chat/completions", jsonPost(chatBody(PROMPTS[2]!)), ON);
    expect(res.status).toBe(200);
    expect(res.headers.get("x-router-stage")).toBe("classifier");
    await res.text();
  });

  // ORT sums 4,144 float32 products per logit; the reference sums in float64: 1e-5 covers that rounding.
  it("outputs equal a plain-JS forward pass of the same weights to 1e-5", async () => {
    const classifier = readyClassifier();
    const rows = [...sampleRows(32, committedMeta.input.size, 7, 0.05), ...PROMPTS.map(featuresOf)];
    let worst = 0;
    for (const row of rows) {
      const got = await classifier.infer(row);
      worst = Math.max(worst, Math.abs(got.pStrong! - referencePStrong(row)));
    }
    expect(worst).toBeLessThan(1e-5);
  });

  it("gives exactly the outputs Node computed for the golden prompts (no train/serve skew)", async () => {
    const classifier = readyClassifier();
    const actual = [];
    for (const { name, input } of GOLDEN_INPUTS) {
      const s = getScorer().score(input);
      const verdict = await classifier.classify({
        scorerFeatures: s.features.slice(),
        ngrams: { index: s.ngrams.index.slice(), value: s.ngrams.value.slice() },
        prompt: input,
        boundaries: [low, high],
      });
      actual.push({ name, p_strong: verdict.score, tier: verdict.tier });
    }
    expect(actual).toEqual(classifierGolden);
  });

  it("concurrent requests are each answered with their own result", async () => {
    const classifier = readyClassifier();
    const rows = sampleRows(32, committedMeta.input.size, 99, 0.05);
    const results = await Promise.all(rows.map((row) => classifier.infer(row)));
    results.forEach((got, i) => expect(Math.abs(got.pStrong! - referencePStrong(rows[i]!))).toBeLessThan(1e-5));
  });
});

describe("the model is checked against its metadata at init (real ORT)", () => {
  const load = async () => {
    const [{ OnnxClassifier }, wasm, model] = await Promise.all([
      import("../src/classify/onnx/onnx-classifier.ts"),
      import("onnxruntime-web/ort-wasm-simd-threaded.wasm"),
      import("../wasm/classifier.onnx"),
    ]);
    const size = committedMeta.input.segments[0]!.size;
    const names = committedMeta.input.segments[0]!.names;
    const create = (
      meta: unknown,
      opts: { bytes?: Uint8Array; featureCount?: number; names?: string[]; buckets?: number } = {},
    ) =>
      OnnxClassifier.create({
        ortWasm: wasm.default,
        model: opts.bytes ?? new Uint8Array(model.default),
        meta,
        scorer: {
          featureCount: opts.featureCount ?? size,
          featureNames: opts.names ?? names,
          ngramBuckets: opts.buckets ?? getScorer().ngramBuckets,
        },
      });
    return { create, bytes: new Uint8Array(model.default) };
  };
  const meta = () => structuredClone(committedMeta) as any;

  it("accepts the committed artifacts", async () => {
    const { create } = await load();
    await expect(create(meta())).resolves.toMatchObject({ version: committedMeta.version });
  });

  it.each([
    [
      "a model file that is not the one described",
      (m: any, b: Uint8Array) => ({ m, bytes: flipLastByte(b) }),
      /not the model/,
    ],
    ["a different input name", (m: any) => ({ m: ((m.input.name = "x"), m) }), /model inputs/],
    [
      "a wider input than the model's",
      (m: any) => ({ m: (m.input.segments.push({ kind: "reserved", size: 2 }), (m.input.size += 2), m) }),
      /shape/,
    ],
    ["an output the model lacks", (m: any) => ({ m: ((m.outputs.p_strong.name = "prob"), m) }), /no output "prob"/],
    ["a scorer with more features", (m: any) => ({ m, featureCount: m.input.segments[0].size + 1 }), /scorer features/],
    ["a scorer with other n-gram buckets", (m: any) => ({ m, buckets: 2048 }), /n-gram buckets/],
    [
      "scorer features in another order",
      (m: any) => ({ m, names: [...m.input.segments[0].names].reverse() }),
      /feature 0/,
    ],
  ])("rejects %s", async (_, mutate, message) => {
    const { create, bytes } = await load();
    const { m, ...opts } = (mutate as (m: any, b: Uint8Array) => { m: any; bytes?: Uint8Array })(meta(), bytes);
    await expect(create(m, opts)).rejects.toThrow(message);
  });
});

describe("a classifier that fails to load (real ORT, bad metadata)", () => {
  it("is reported once and the cascade keeps routing heuristic-only, saying so", async () => {
    const [{ OnnxClassifier }, wasm, model] = await Promise.all([
      import("../src/classify/onnx/onnx-classifier.ts"),
      import("onnxruntime-web/ort-wasm-simd-threaded.wasm"),
      import("../wasm/classifier.onnx"),
    ]);
    const badMeta = { ...structuredClone(committedMeta), input: { ...committedMeta.input, name: "nope" } };
    const logged: string[] = [];
    const slot = createClassifierSlot(
      () =>
        OnnxClassifier.create({
          ortWasm: wasm.default,
          model: new Uint8Array(model.default),
          meta: badMeta,
          scorer: {
            featureCount: committedMeta.input.segments[0]!.size,
            featureNames: committedMeta.input.segments[0]!.names,
          },
        }),
      (event, fields) => logged.push(`${event}: ${String(fields.error)}`),
    );
    const tiers = { boundaries: [low, high] as [number, number], uncertaintyBand: 0.5 };
    const decide = (text: string) => {
      const prompt = promptView(toCanonicalRequest(parseChatRequest(JSON.parse(chatBody(text)))));
      const { score, features, ngrams } = getScorer().score(prompt);
      return cascade({ score, features, ngrams, prompt }, tiers, {
        classifier: () => slot.acquire(() => undefined),
        onRunError: () => undefined,
      });
    };
    expect((await decide(PROMPTS[1]!)).stage).toBe("heuristic-pending");
    await slot.settled();
    for (const text of PROMPTS) {
      const decision = await decide(text);
      expect(decision.stage).toBe("heuristic-fallback");
      expect(decision.tier).toBe(tierOf(decision.score)); // the heuristic's own tier
    }
    expect(slot.status()).toEqual({ state: "failed" });
    expect(logged).toEqual([expect.stringMatching(/^classifier_unavailable: .*model inputs/)]);
  });
});

function flipLastByte(bytes: Uint8Array): Uint8Array {
  const copy = bytes.slice();
  copy[copy.length - 1]! ^= 1;
  return copy;
}
