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
    } else if (segment.kind === "ngrams") {
      if (!input.ngrams) throw new Error("the model reads n-grams, the input has none");
      const { index, value } = input.ngrams;
      for (let t = 0; t < index.length; t++) {
        const bucket = index[t]!;
        if (bucket >= segment.size) throw new Error(`n-gram bucket ${bucket} outside the model's ${segment.size}`);
        row[offset + bucket] = value[t]!;
      }
    }
    // "reserved" segments stay zero until a model defines what fills them.
    offset += segment.size;
  }
  return row;
}
