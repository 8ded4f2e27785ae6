// Writes the classifier artifacts from a weights/spec JSON file:
//   node tools/build/classifier/write-onnx.ts [SPEC.json] [--out-dir DIR]
// (defaults: wasm/classifier.weights.json, wasm) -> DIR/classifier.onnx + DIR/classifier.meta.json.
// Training calls writeClassifier() with the spec it fitted.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { buildModel } from "./build-model.ts";
import { parseClassifierSpec } from "./classifier-spec.ts";

export const DEFAULT_SPEC = "wasm/classifier.weights.json";

export function writeClassifier(specJson: unknown, outDir: string) {
  const { bytes, meta } = buildModel(parseClassifierSpec(specJson));
  const onnxPath = join(outDir, "classifier.onnx");
  const metaPath = join(outDir, "classifier.meta.json");
  writeFileSync(onnxPath, bytes);
  writeFileSync(metaPath, `${JSON.stringify(meta, null, 2)}\n`);
  return { onnxPath, metaPath, bytes: bytes.length, meta };
}

if (import.meta.main) {
  const { values, positionals } = parseArgs({ options: { "out-dir": { type: "string" } }, allowPositionals: true });
  const specPath = positionals[0] ?? DEFAULT_SPEC;
  const result = writeClassifier(JSON.parse(readFileSync(specPath, "utf8")), values["out-dir"] ?? "wasm");
  console.log(
    `wrote ${result.onnxPath} (${result.bytes} bytes, ${result.meta.version}${result.meta.provisional ? ", provisional" : ""}) and ${result.metaPath}`,
  );
}
