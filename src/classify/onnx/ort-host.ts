// Starts onnxruntime-web (wasm execution provider, one thread, no proxy worker)
// from a *precompiled* WebAssembly.Module: Workers refuse to compile wasm from bytes.
//
// ORT 1.30 builds the emscripten config itself and does not forward
// `instantiateWasm`; the only knob that reaches the glue is `env.wasm.wasmBinary`.
// With it set, the glue embedded in ort.wasm.bundle.min.mjs calls
// `WebAssembly.instantiate(new Uint8Array(wasmBinary), imports)`. That view shares
// the buffer, so a marker ArrayBuffer is recognised by identity in a temporary
// wrapper that instantiates the precompiled module instead. Re-check on every ORT
// upgrade: the workerd tests fail (CompileError) if this stops working.
//
// Node-importable (the benchmark uses it): bare and `.ts` imports only.
import * as ort from "onnxruntime-web/wasm";

export type OrtSession = ort.InferenceSession;
export { ort };

type Instantiate = typeof WebAssembly.instantiate;

let runtimeStarted = false;

/**
 * Creates an inference session. The first call also starts the ORT runtime. A
 * failure there poisons ORT for the rest of the isolate ("previous call to
 * 'initializeWebAssembly()' failed"): callers must not retry in the same isolate.
 */
export async function createOrtSession(wasmModule: WebAssembly.Module, model: Uint8Array): Promise<OrtSession> {
  const marker = new ArrayBuffer(8); // never compiled: compared by identity only
  const original: Instantiate = WebAssembly.instantiate;
  const hooked = function (this: unknown, source: unknown, imports?: WebAssembly.Imports) {
    if (ArrayBuffer.isView(source) && source.buffer === marker) {
      // instantiate(Module, imports) resolves to an Instance; the glue expects { instance, module }.
      return original(wasmModule, imports).then((instance) => ({ instance, module: wasmModule }));
    }
    return (original as (...args: unknown[]) => unknown).apply(this, [source, imports]);
  } as Instantiate;

  if (!runtimeStarted) {
    ort.env.wasm.numThreads = 1; // no pthread workers in Workers; also required for the embedded glue
    ort.env.wasm.proxy = false; // no Web Worker proxy
    ort.env.wasm.wasmBinary = marker; // also stops ORT from fetching the .wasm by URL
    ort.env.logLevel = "error";
    WebAssembly.instantiate = hooked;
  }
  try {
    const session = await ort.InferenceSession.create(model, {
      executionProviders: ["wasm"],
      graphOptimizationLevel: "all",
    });
    runtimeStarted = true;
    return session;
  } finally {
    // ORT instantiates its wasm once, during the first session create: restore at once.
    WebAssembly.instantiate = original;
  }
}
