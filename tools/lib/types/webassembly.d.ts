// Node has the WebAssembly JS API at run time, but @types/node does not declare
// it (TypeScript ships it only in lib.dom / lib.webworker, which clash with Node's
// types). The subset that Node-side tools and the shared classifier host use.
declare global {
  namespace WebAssembly {
    interface Module {}
    interface Instance {
      readonly exports: Record<string, unknown>;
    }
    interface Memory {
      readonly buffer: ArrayBuffer;
      grow(delta: number): number;
    }
    type Imports = Record<string, Record<string, unknown>>;
    interface WebAssemblyInstantiatedSource {
      instance: Instance;
      module: Module;
    }
  }
  var WebAssembly: {
    Module: new (bytes: ArrayBufferView | ArrayBuffer) => WebAssembly.Module;
    Instance: new (module: WebAssembly.Module, imports?: WebAssembly.Imports) => WebAssembly.Instance;
    Memory: new (descriptor: { initial: number; maximum?: number; shared?: boolean }) => WebAssembly.Memory;
    compile(bytes: ArrayBufferView | ArrayBuffer): Promise<WebAssembly.Module>;
    instantiate: {
      (module: WebAssembly.Module, imports?: WebAssembly.Imports): Promise<WebAssembly.Instance>;
      (
        bytes: ArrayBufferView | ArrayBuffer,
        imports?: WebAssembly.Imports,
      ): Promise<WebAssembly.WebAssemblyInstantiatedSource>;
    };
  };
}
export {};
