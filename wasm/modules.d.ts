// The .wasm (CompiledWasm), .onnx and .bin (Data) module types come with wrangler's own
// (worker-configuration.d.ts, `npm run build:types`).

/**
 * Build-time switch: `wrangler deploy --define __TRIAGE_ONNX__:false` drops the
 * ONNX classifier (onnxruntime-web's 14 MB wasm) from the bundle. Undefined means bundled.
 */
declare const __TRIAGE_ONNX__: boolean | undefined;
