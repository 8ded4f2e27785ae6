// Wasm files are imported as precompiled modules (wrangler's CompiledWasm rule):
// Workers refuse to compile WebAssembly from bytes at run time.
declare module "*.wasm" {
  const module: WebAssembly.Module;
  export default module;
}
