// Init-time checks that the model, its metadata and the scorer agree. Any
// mismatch fails the init with a message naming both sides, so a stale or
// mismatched artifact routes heuristic-only instead of feeding a model garbage.
import type { ClassifierMeta } from "../classifier-meta.ts";
import type { OrtSession } from "./ort-host.ts";
import { sha256, toHex } from "../../util/hash.ts";

export interface ScorerFacts {
  featureCount: number;
  /** Feature names in vector order, when the scorer's weights file lists them. */
  featureNames?: readonly string[];
  /** The wasm's n-gram bucket count (checked when the model reads n-grams). */
  ngramBuckets?: number;
}

export async function checkModelBytes(model: Uint8Array, meta: ClassifierMeta): Promise<void> {
  const actual = toHex(await sha256(model));
  if (actual !== meta.model_sha256) {
    throw new Error(`classifier.onnx (sha256 ${actual.slice(0, 12)}…) is not the model its metadata describes`);
  }
}

export function checkScorerFit(meta: ClassifierMeta, scorer: ScorerFacts): void {
  const segment = meta.input.segments.find((s) => s.kind === "scorer")!;
  if (segment.size !== scorer.featureCount) {
    throw new Error(
      `classifier expects ${segment.size} scorer features, the scorer has ${scorer.featureCount}: retrain or rebuild it`,
    );
  }
  const ngrams = meta.input.segments.find((s) => s.kind === "ngrams");
  if (ngrams && scorer.ngramBuckets !== undefined && ngrams.size !== scorer.ngramBuckets) {
    throw new Error(`classifier expects ${ngrams.size} n-gram buckets, the scorer has ${scorer.ngramBuckets}: retrain`);
  }
  if (segment.kind === "scorer" && segment.names && scorer.featureNames) {
    const mismatch = segment.names.findIndex((name, i) => name !== scorer.featureNames![i]);
    if (mismatch >= 0) {
      throw new Error(
        `classifier feature ${mismatch} is "${segment.names[mismatch]}", the scorer's is "${scorer.featureNames[mismatch]}"`,
      );
    }
  }
}

/** The session's declared input and outputs must be the ones the metadata names, with matching widths. */
export function checkSession(session: OrtSession, meta: ClassifierMeta): void {
  const inputs = session.inputMetadata;
  if (inputs.length !== 1 || inputs[0]!.name !== meta.input.name) {
    throw new Error(`model inputs are [${session.inputNames.join(", ")}], metadata expects [${meta.input.name}]`);
  }
  checkWidth(inputs[0]!, meta.input.size, "input");
  const declared = Object.values(meta.outputs).filter((o) => o !== undefined);
  for (const output of declared) {
    const found = session.outputMetadata.find((o) => o.name === output.name);
    if (!found) throw new Error(`model has no output "${output.name}" (has: ${session.outputNames.join(", ")})`);
    checkWidth(found, output.size, `output ${output.name}`);
  }
}

function checkWidth(value: OrtSession["inputMetadata"][number], size: number, what: string): void {
  if (!value.isTensor || value.type !== "float32") throw new Error(`model ${what} is not a float32 tensor`);
  const shape = value.shape;
  if (shape.length !== 2 || shape[1] !== size) {
    throw new Error(`model ${what} has shape [${shape.join(", ")}], metadata expects [batch, ${size}]`);
  }
}
