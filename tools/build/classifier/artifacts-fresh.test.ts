// The committed classifier artifacts must be what the writer makes of the
// committed weights, and must fit the committed scorer. If the scorer's features
// change, the classifier has to be rebuilt (provisional) or retrained.
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";
import { checkScorerFit } from "../../../src/classify/onnx/check-model.ts";
import { parseClassifierMeta } from "../../../src/classify/classifier-meta.ts";
import { buildModel } from "./build-model.ts";
import { parseClassifierSpec } from "./classifier-spec.ts";
import { readScorerArtifacts } from "./scorer-facts.ts";
import { DEFAULT_SPEC } from "./write-onnx.ts";

const REBUILD = "run npm run train (or npm run classifier:write after editing the spec)";

it(`wasm/classifier.onnx + .meta.json are up to date with ${DEFAULT_SPEC} (${REBUILD})`, () => {
  const { bytes, meta } = buildModel(parseClassifierSpec(JSON.parse(readFileSync(DEFAULT_SPEC, "utf8"))));
  expect(Buffer.compare(Buffer.from(bytes), readFileSync("wasm/classifier.onnx"))).toBe(0);
  expect(JSON.parse(readFileSync("wasm/classifier.meta.json", "utf8"))).toEqual(meta);
});

it(`the classifier fits the committed scorer: feature count and names (${REBUILD})`, () => {
  const meta = parseClassifierMeta(JSON.parse(readFileSync("wasm/classifier.meta.json", "utf8")));
  expect(() => checkScorerFit(meta, readScorerArtifacts())).not.toThrow();
});
