// Wasm files are imported as precompiled modules (wrangler's CompiledWasm rule):
// Workers refuse to compile WebAssembly from bytes at run time.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}

// ONNX models and the scorer's weight matrix are imported as bytes (wrangler's Data rule).
declare module "*.onnx" {
  const data: ArrayBuffer;
  export default data;
}
declare module "*.bin" {
  const data: ArrayBuffer;
  export default data;
}

/**
 * Build-time switch: `wrangler deploy --define __TRIAGE_ONNX__:false` drops the
 * ONNX classifier (onnxruntime-web's 14 MB wasm) from the bundle. Undefined means bundled.
 */
declare const __TRIAGE_ONNX__: boolean | undefined;
