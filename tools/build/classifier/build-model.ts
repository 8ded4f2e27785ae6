// Classifier spec -> ONNX bytes and the metadata the Worker reads. Deterministic:
// the same spec always gives the same bytes (the freshness test relies on it).
import { createHash } from "node:crypto";
import { META_FORMAT, parseClassifierMeta, type ClassifierMeta } from "../../../src/classify/classifier-meta.ts";
import { inputSize, type ClassifierSpec, type DenseLayer } from "./classifier-spec.ts";
import { ATTR_INT, encodeModel, FLOAT } from "./onnx-proto.ts";

export const OPSET = 17;
const IR_VERSION = 8;
// Written into every model's header. It names the writer's path when the committed model was
// written (tools/classifier/, now tools/build/classifier/): changing it changes the model's bytes
// and hash, which docs/gaming.json and the freshness test pin, for no change in what it computes.
const PRODUCER = "triage tools/classifier/write-onnx.ts";

interface Graph {
  nodes: Record<string, unknown>[];
  initializers: Record<string, unknown>[];
}

export function buildModel(spec: ClassifierSpec): { bytes: Uint8Array; meta: ClassifierMeta } {
  const width = inputSize(spec);
  const graph: Graph = { nodes: [], initializers: [] };
  // raw_data (little-endian float32 bytes): 4 bytes a value, the compact form ORT reads directly.
  const tensor = (name: string, dims: number[], values: ArrayLike<number>) => {
    const data = Float32Array.from(values);
    graph.initializers.push({ name, dims, dataType: FLOAT, rawData: new Uint8Array(data.buffer) });
  };
  const node = (opType: string, input: string[], output: string, attribute: Record<string, unknown>[] = []) =>
    graph.nodes.push({ opType, input, output: [output], name: `${output}_${opType}`, attribute });
  const denseNode = (layer: DenseLayer, from: string, prefix: string): string => {
    const out = layer.bias.length;
    tensor(`${prefix}_W`, [layer.weights.length, out], layer.weights.flat());
    tensor(`${prefix}_b`, [out], layer.bias);
    node("MatMul", [from, `${prefix}_W`], `${prefix}_mm`);
    node("Add", [`${prefix}_mm`, `${prefix}_b`], `${prefix}_z`);
    return `${prefix}_z`;
  };

  const inputName = spec.input.name;
  const outputs: Record<string, unknown>[] = [];
  const metaOutputs: Record<string, unknown> = {};
  let current = inputName;
  if (spec.clip) {
    tensor("input_clip", [width], spec.clip);
    node("Min", [current, "input_clip"], "clipped");
    current = "clipped";
  }
  if (spec.scaling) {
    tensor("scaling_mean", [width], spec.scaling.mean);
    tensor("scaling_scale", [width], spec.scaling.scale);
    node("Sub", [current, "scaling_mean"], "centred");
    node("Mul", ["centred", "scaling_scale"], "scaled");
    current = "scaled";
  }
  spec.hidden.forEach((layer, i) => {
    const z = denseNode(layer, current, `hidden${i}`);
    node("Relu", [z], `hidden${i}_out`);
    current = `hidden${i}_out`;
  });

  const softmax = [{ name: "axis", i: -1, type: ATTR_INT }];
  const { p_strong, tier_probs } = spec.heads;
  if (p_strong) {
    const size = p_strong.bias.length;
    const z = denseNode(p_strong, current, "p_strong_head");
    if (size === 1) node("Sigmoid", [z], "p_strong");
    else node("Softmax", [z], "p_strong", softmax);
    outputs.push(valueInfo("p_strong", size));
    metaOutputs.p_strong = { name: "p_strong", size, ...(size === 2 ? { labels: p_strong.labels } : {}) };
  }
  if (tier_probs) {
    node("Softmax", [denseNode(tier_probs, current, "tier_head")], "tier_probs", softmax);
    outputs.push(valueInfo("tier_probs", 3));
    metaOutputs.tier_probs = { name: "tier_probs", size: 3, labels: tier_probs.labels };
  }
  return finish(spec, graph, width, outputs, metaOutputs);
}

function finish(
  spec: ClassifierSpec,
  graph: Graph,
  width: number,
  outputs: Record<string, unknown>[],
  metaOutputs: Record<string, unknown>,
): { bytes: Uint8Array; meta: ClassifierMeta } {
  const inputName = spec.input.name;
  const bytes = encodeModel({
    irVersion: IR_VERSION,
    producerName: PRODUCER,
    producerVersion: spec.version,
    docString: spec.description ?? "",
    opsetImport: [{ domain: "", version: OPSET }],
    metadataProps: [
      { key: "triage_version", value: spec.version },
      { key: "triage_provisional", value: String(spec.provisional) },
    ],
    graph: {
      name: "triage_classifier",
      node: graph.nodes,
      initializer: graph.initializers,
      input: [valueInfo(inputName, width)],
      output: outputs,
    },
  });

  const meta = parseClassifierMeta({
    format: META_FORMAT,
    version: spec.version,
    provisional: spec.provisional,
    ...(spec.description ? { description: spec.description } : {}),
    model_sha256: createHash("sha256").update(bytes).digest("hex"),
    input: { name: inputName, size: width, segments: spec.input.segments },
    outputs: metaOutputs,
    decision: spec.decision,
    ...(spec.training ? { training: spec.training } : {}),
  });
  return { bytes, meta };
}

/** A float32 [batch, width] value; the batch dimension is symbolic. */
function valueInfo(name: string, width: number) {
  return {
    name,
    type: { tensorType: { elemType: FLOAT, shape: { dim: [{ dimParam: "batch" }, { dimValue: width }] } } },
  };
}
