// The weights file the ONNX writer reads (wasm/classifier.weights.json): a small
// dense network and everything the metadata needs. Training writes one of these;
// write-onnx.ts turns it into wasm/classifier.onnx + wasm/classifier.meta.json.
//
// Network, on a row x of width input size (the segments' total):
//   x' = (x - scaling.mean) * scaling.scale                (optional)
//   h  = relu(h_prev · W + b) for each hidden layer         (W is [in][out], row-major)
//   p_strong   = sigmoid(h · W + b)  [batch, 1]   or softmax [batch, 2] with labels (one must be "strong")
//   tier_probs = softmax(h · W + b)  [batch, 3]   labels: the tiers in column order
// or, with `mixture` (the trained router: a gated mixture, see tools/train/recipe.ts):
//   logits     = min(x, clip) · W + bias                 [batch, columns]
//   p          = softmax(logits[:, 0..K))                 K = groups
//   s_k        = sigmoid(logit_k + logits[:, column_k])   (column_k = -1: logit_k alone)
//   p_strong   = sum_k p_k s_k                           [batch, 1]
import * as z from "zod";
import { decodeFloat32 } from "../train/export-mixture.ts";

const finite = z.number().finite();
const matrix = z.array(z.array(finite).min(1)).min(1);

const segment = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("scorer"), size: z.number().int().min(1), names: z.array(z.string()).optional() }),
  z.object({ kind: z.literal("ngrams"), size: z.number().int().min(1) }),
  z.object({ kind: z.literal("reserved"), size: z.number().int().min(0) }),
]);

const mixture = z.object({
  groups: z.array(z.string()).min(1),
  columns: z.number().int().min(1),
  bias: z.array(finite),
  /** [input size][columns] float32, little-endian, base64. */
  weights_f32_base64: z.string(),
  experts: z.array(z.object({ column: z.number().int().min(-1), logit: finite })),
  /** Upper limit per input (the training range). */
  clip: z.array(finite),
});

const dense = z.object({ weights: matrix, bias: z.array(finite).min(1) });

export const classifierSpecSchema = z.object({
  version: z.string().min(1),
  provisional: z.boolean(),
  description: z.string().optional(),
  input: z.object({ name: z.string().min(1).default("features"), segments: z.array(segment).min(1) }),
  scaling: z.object({ mean: z.array(finite), scale: z.array(finite) }).optional(),
  hidden: z.array(dense).default([]),
  mixture: mixture.optional(),
  heads: z.object({
    p_strong: dense.extend({ labels: z.array(z.string()).length(2).optional() }).optional(),
    tier_probs: dense.extend({ labels: z.array(z.enum(["simple", "moderate", "complex"])).length(3) }).optional(),
  }),
  /** Copied into the metadata verbatim; see src/classify/classifier-meta.ts. */
  decision: z.unknown(),
  training: z.record(z.string(), z.unknown()).optional(),
});

export type ClassifierSpec = z.infer<typeof classifierSpecSchema>;
export type DenseLayer = z.infer<typeof dense>;
export type MixtureSpec = z.infer<typeof mixture>;

export const inputSize = (spec: ClassifierSpec) => spec.input.segments.reduce((sum, s) => sum + s.size, 0);

/** Parses a spec and checks that every layer's shape chains onto the previous one. */
export function parseClassifierSpec(value: unknown): ClassifierSpec {
  const parsed = classifierSpecSchema.safeParse(value);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`classifier spec invalid at ${issue.path.join(".") || "root"}: ${issue.message}`);
  }
  const spec = parsed.data;
  let width = inputSize(spec);
  if (spec.scaling) {
    for (const [key, values] of Object.entries(spec.scaling)) {
      if (values.length !== width) throw new Error(`scaling.${key} has ${values.length} values, input has ${width}`);
    }
  }
  spec.hidden.forEach((layer, i) => {
    width = checkDense(layer, width, `hidden[${i}]`);
  });
  if (spec.mixture) {
    checkMixture(spec.mixture, width);
    if (spec.hidden.length > 0 || spec.heads.p_strong || spec.heads.tier_probs || spec.scaling) {
      throw new Error("a mixture spec has no hidden layers, heads or scaling of its own");
    }
    return spec;
  }
  const { p_strong, tier_probs } = spec.heads;
  if (!p_strong && !tier_probs) throw new Error("classifier spec needs at least one head (p_strong or tier_probs)");
  if (p_strong) {
    const out = checkDense(p_strong, width, "heads.p_strong");
    if (out === 2 && !p_strong.labels?.includes("strong")) {
      throw new Error('heads.p_strong with 2 columns needs labels, one of them "strong"');
    }
    if (out > 2) throw new Error(`heads.p_strong must have 1 or 2 columns, has ${out}`);
  }
  if (tier_probs && checkDense(tier_probs, width, "heads.tier_probs") !== 3) {
    throw new Error("heads.tier_probs must have 3 columns");
  }
  return spec;
}

function checkDense(layer: DenseLayer, inWidth: number, where: string): number {
  if (layer.weights.length !== inWidth) {
    throw new Error(`${where}.weights has ${layer.weights.length} rows, its input has width ${inWidth}`);
  }
  const out = layer.weights[0]!.length;
  if (layer.weights.some((row) => row.length !== out)) throw new Error(`${where}.weights rows differ in length`);
  if (layer.bias.length !== out) throw new Error(`${where}.bias has ${layer.bias.length} values, expected ${out}`);
  return out;
}

/** The mixture's weight matrix, checked against its declared shape. */
export function mixtureWeights(m: MixtureSpec, inWidth: number): Float32Array {
  const w = decodeFloat32(m.weights_f32_base64);
  if (w.length !== inWidth * m.columns) {
    throw new Error(`mixture.weights has ${w.length} values, expected ${inWidth} x ${m.columns}`);
  }
  return w;
}

function checkMixture(m: MixtureSpec, width: number): void {
  const K = m.groups.length;
  if (K > m.columns) throw new Error(`mixture has ${K} groups but ${m.columns} columns`);
  if (m.bias.length !== m.columns) throw new Error(`mixture.bias has ${m.bias.length} values, expected ${m.columns}`);
  if (m.clip.length !== width) throw new Error(`mixture.clip has ${m.clip.length} values, input has ${width}`);
  if (m.experts.length !== K) throw new Error(`mixture.experts has ${m.experts.length} entries, expected ${K}`);
  m.experts.forEach((e, k) => {
    if (e.column !== -1 && (e.column < K || e.column >= m.columns)) {
      throw new Error(`mixture.experts[${k}].column ${e.column} is not a non-gate column`);
    }
  });
  mixtureWeights(m, width);
}
