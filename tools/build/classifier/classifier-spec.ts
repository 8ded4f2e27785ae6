// The weights file the ONNX writer reads (wasm/classifier.weights.json): a small
// dense network and everything the metadata needs. Training writes one of these;
// write-onnx.ts turns it into wasm/classifier.onnx + wasm/classifier.meta.json.
//
// Network, on a row x of width input size (the segments' total):
//   x  = min(x, clip)                                        (optional: the training range)
//   x' = (x - scaling.mean) * scaling.scale                (optional)
//   h  = relu(h_prev · W + b) for each hidden layer         (W is [in][out], row-major)
//   p_strong   = sigmoid(h · W + b)  [batch, 1]   or softmax [batch, 2] with labels (one must be "strong")
//   tier_probs = softmax(h · W + b)  [batch, 3]   labels: the tiers in column order
import * as z from "zod";

const finite = z.number().finite();
const matrix = z.array(z.array(finite).min(1)).min(1);

const segment = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("scorer"), size: z.number().int().min(1), names: z.array(z.string()).optional() }),
  z.object({ kind: z.literal("ngrams"), size: z.number().int().min(1) }),
  z.object({ kind: z.literal("reserved"), size: z.number().int().min(0) }),
]);

const dense = z.object({ weights: matrix, bias: z.array(finite).min(1) });

export const classifierSpecSchema = z.object({
  version: z.string().min(1),
  provisional: z.boolean(),
  description: z.string().optional(),
  input: z.object({ name: z.string().min(1).default("features"), segments: z.array(segment).min(1) }),
  /** Upper limit per input (the training range: added text cannot push a feature beyond it). */
  clip: z.array(finite).optional(),
  scaling: z.object({ mean: z.array(finite), scale: z.array(finite) }).optional(),
  hidden: z.array(dense).default([]),
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
  if (spec.clip && spec.clip.length !== width)
    throw new Error(`clip has ${spec.clip.length} values, input has ${width}`);
  if (spec.scaling) {
    for (const [key, values] of Object.entries(spec.scaling)) {
      if (values.length !== width) throw new Error(`scaling.${key} has ${values.length} values, input has ${width}`);
    }
  }
  spec.hidden.forEach((layer, i) => {
    width = checkDense(layer, width, `hidden[${i}]`);
  });
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
