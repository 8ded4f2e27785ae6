// Lets Node import the Worker's source as wrangler bundles it: `.wasm` as a compiled WebAssembly.Module
// (wrangler's CompiledWasm rule), `.onnx` and `.bin` as an ArrayBuffer (the Data rule), `.json` without
// import attributes (esbuild's default) and `cloudflare:workers` as bare base classes. Every relative
// import in src/, test/ and tools/ names its `.ts` file, so this is the only loader: Node tools (the CLI,
// the decision benchmark) run the Worker's own modules — same wasm, same gate, same selector.
// Use: node --import ./tools/lib/worker-modules.ts …  (or import it before any src/ module).
import { registerHooks } from "node:module";

const WASM = /\.wasm$/;
const DATA = /\.(onnx|bin)$/;
const JSON_FILE = /\.json$/;

// Durable Object base classes: imported by src/index.ts's exports, never run by the Node tools.
const CLOUDFLARE_WORKERS = `data:text/javascript,${encodeURIComponent(
  "export class DurableObject { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }\n" +
    "export class WorkerEntrypoint { constructor(ctx, env) { this.ctx = ctx; this.env = env; } }\n",
)}`;

registerHooks({
  resolve(specifier, context, nextResolve) {
    if (specifier === "cloudflare:workers") return { url: CLOUDFLARE_WORKERS, shortCircuit: true };
    return nextResolve(specifier, context);
  },
  load(url, context, nextLoad) {
    if (!url.startsWith("file:")) return nextLoad(url, context);
    const path = JSON.stringify(new URL(url).pathname);
    if (WASM.test(url)) {
      return {
        format: "module",
        shortCircuit: true,
        source: `import { readFileSync } from "node:fs";\nexport default new WebAssembly.Module(readFileSync(${path}));\n`,
      };
    }
    if (DATA.test(url)) {
      return {
        format: "module",
        shortCircuit: true,
        source: `import { readFileSync } from "node:fs";\nconst b = readFileSync(${path});\nexport default b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength);\n`,
      };
    }
    if (JSON_FILE.test(url) && context.importAttributes?.type !== "json") {
      return {
        format: "module",
        shortCircuit: true,
        source: `import { readFileSync } from "node:fs";\nexport default JSON.parse(readFileSync(${path}, "utf8"));\n`,
      };
    }
    return nextLoad(url, context);
  },
});
