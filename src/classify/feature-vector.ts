// Builds the model's input row from the metadata's segments, in order.
// Node-importable (`.ts` imports), like the rest of the classifier's host code.
import type { ClassifierInput } from "./classifier.ts";
import type { ClassifierMeta } from "./classifier-meta.ts";

export function assembleFeatures(spec: ClassifierMeta["input"], input: ClassifierInput): Float32Array {
  const row = new Float32Array(spec.size);
  let offset = 0;
  for (const segment of spec.segments) {
    if (segment.kind === "scorer") {
      if (input.scorerFeatures.length !== segment.size) {
        throw new Error(`scorer gave ${input.scorerFeatures.length} features, the model expects ${segment.size}`);
      }
      row.set(input.scorerFeatures, offset);
    }
    // "reserved" segments stay zero until a model defines what fills them.
    offset += segment.size;
  }
  return row;
}
