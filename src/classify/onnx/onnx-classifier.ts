// The Classifier on onnxruntime-web: metadata-driven input and outputs, checked
// against the model at init, one inference at a time per session.
// Node-importable (the benchmark uses it): bare and `.ts` imports only.
import { TIER_LABELS, type TierLabel } from "../tier-labels.ts";
import type { Classifier, ClassifierInput, ClassifierOutputs, ClassifierVerdict } from "../classifier.ts";
import { decideFromOutputs } from "../classifier-decision.ts";
import { parseClassifierMeta, type ClassifierMeta } from "../classifier-meta.ts";
import { assembleFeatures } from "../feature-vector.ts";
import { checkModelBytes, checkScorerFit, checkSession, type ScorerFacts } from "./check-model.ts";
import { createOrtSession, ort, type OrtSession } from "./ort-host.ts";

export interface OnnxClassifierSource {
  /** ORT's ort-wasm-simd-threaded.wasm, precompiled. */
  ortWasm: WebAssembly.Module;
  /** The .onnx file's bytes. */
  model: Uint8Array;
  /** The parsed JSON of classifier.meta.json (validated here). */
  meta: unknown;
  scorer: ScorerFacts;
}

export class OnnxClassifier implements Classifier {
  readonly version: string;
  readonly meta: ClassifierMeta;
  private readonly session: OrtSession;
  private queue: Promise<unknown> = Promise.resolve();

  // No parameter properties: Node's type stripping (the benchmark) does not support them.
  private constructor(session: OrtSession, meta: ClassifierMeta) {
    this.session = session;
    this.meta = meta;
    this.version = meta.version;
  }

  /** Validates metadata, model and scorer against each other, starts ORT and probes one inference. */
  static async create(source: OnnxClassifierSource): Promise<OnnxClassifier> {
    const meta = parseClassifierMeta(source.meta);
    checkScorerFit(meta, source.scorer);
    await checkModelBytes(source.model, meta);
    const session = await createOrtSession(source.ortWasm, source.model);
    checkSession(session, meta);
    const classifier = new OnnxClassifier(session, meta);
    // One inference now: proves the graph runs, and keeps the slow first run off a request.
    const probe = await classifier.infer(new Float32Array(meta.input.size));
    checkProbabilities(probe);
    return classifier;
  }

  async classify(input: ClassifierInput): Promise<ClassifierVerdict> {
    const outputs = await this.infer(assembleFeatures(this.meta.input, input));
    return decideFromOutputs(outputs, this.meta.decision, input.boundaries);
  }

  /** Runs the model on one assembled input row. */
  infer(row: Float32Array): Promise<ClassifierOutputs> {
    // Requests in one isolate interleave at awaits: keep session runs strictly one after another.
    const result = this.queue.then(() => this.runOnce(row));
    this.queue = result.catch(() => undefined);
    return result;
  }

  private async runOnce(row: Float32Array): Promise<ClassifierOutputs> {
    const { input, outputs: declared } = this.meta;
    const tensor = new ort.Tensor("float32", row, [1, input.size]);
    const results = await this.session.run({ [input.name]: tensor });
    const outputs: ClassifierOutputs = {};
    if (declared.p_strong) {
      const data = results[declared.p_strong.name]!.data as Float32Array;
      const column = declared.p_strong.size === 1 ? 0 : declared.p_strong.labels!.indexOf("strong");
      outputs.pStrong = data[column]!;
    }
    if (declared.tier_probs) {
      const data = results[declared.tier_probs.name]!.data as Float32Array;
      const labels = declared.tier_probs.labels;
      outputs.tierProbs = Object.fromEntries(labels.map((tier, i) => [tier, data[i]!])) as Record<TierLabel, number>;
    }
    tensor.dispose();
    for (const value of Object.values(results)) value.dispose();
    return outputs;
  }
}

function checkProbabilities(outputs: ClassifierOutputs): void {
  const isProbability = (p: number) => Number.isFinite(p) && p >= 0 && p <= 1;
  if (outputs.pStrong !== undefined && !isProbability(outputs.pStrong)) {
    throw new Error(`probe inference gave p_strong = ${outputs.pStrong}: the model's output is not a probability`);
  }
  if (outputs.tierProbs) {
    const probs = TIER_LABELS.map((t) => outputs.tierProbs![t]);
    const sum = probs.reduce((a, b) => a + b, 0);
    if (!probs.every(isProbability) || Math.abs(sum - 1) > 1e-3) {
      throw new Error(`probe inference gave tier_probs [${probs.join(", ")}]: not a distribution`);
    }
  }
}
