// Serves Triage the way Cloudflare runs it, minus the network: the bundle `wrangler deploy
// --dry-run --outdir` produces, loaded by bare `workerd` (no wrangler dev, no Miniflare proxy).
// Bindings: an in-memory KV service (workerd's KV wire protocol, enough for the router: get, put,
// delete, list), both Durable Object classes on SQLite storage in a temp directory, the vars from
// wrangler.toml, and whatever secrets/vars the caller adds (e.g. OPENAI_BASE_URL → the mock).
// Outbound fetches may reach loopback (the mock upstream).
//
//   node tools/bench/workerd-server.ts [--lite] [--port 8787] [--var NAME=VALUE …]
// Used by `npm run bench` (gateway overhead, streaming, throughput, cold start) and by the
// dashboard's browser test.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../../test/node/free-port.ts";
import { wranglerCompatibility, wranglerVars } from "../lib/wrangler-config.ts";

export { wranglerCompatibility, wranglerVars };

const ROOT = resolve(import.meta.dirname, "../..");
const WORKERD_CANDIDATES = [
  "node_modules/wrangler/node_modules/workerd/bin/workerd",
  "node_modules/workerd/bin/workerd",
];

export const workerdBinary = () =>
  resolve(
    ROOT,
    WORKERD_CANDIDATES.find((p) => existsSync(resolve(ROOT, p)))!,
  );
export const workerdVersion = () => execFileSync(workerdBinary(), ["--version"], { encoding: "utf8" }).trim();

export interface BuiltBundle {
  dir: string;
  /** Module files of the upload (name → bytes), as wrangler wrote them. */
  files: { name: string; bytes: number }[];
  lite: boolean;
}

/** `wrangler deploy --dry-run --outdir` (optionally the lite build without onnxruntime-web). */
export function buildBundle(options: { lite?: boolean } = {}): BuiltBundle {
  const dir = mkdtempSync(join(tmpdir(), "triage-bundle-"));
  const extra = options.lite ? ["--define", "__TRIAGE_ONNX__:false"] : [];
  execFileSync(
    process.execPath,
    [resolve(ROOT, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", dir, ...extra],
    { cwd: ROOT, stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  const files = readdirSync(dir)
    .filter((name) => /\.(js|wasm|onnx)$/.test(name))
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)).length }));
  return { dir, files, lite: Boolean(options.lite) };
}

// workerd's KV binding speaks HTTP to a service: GET/PUT/DELETE /<key>?urlencoded=true, GET / lists.
const KV_SERVICE = `const store = new Map();
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const raw = url.pathname.slice(1);
    const key = url.searchParams.get("urlencoded") === "true" ? decodeURIComponent(raw) : raw;
    if (request.method === "GET" && key === "") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const keys = [...store.keys()].filter((k) => k.startsWith(prefix)).sort().map((name) => ({ name }));
      return Response.json({ keys, list_complete: true, cacheStatus: null });
    }
    if (request.method === "GET") return store.has(key) ? new Response(store.get(key)) : new Response(null, { status: 404 });
    if (request.method === "PUT") { store.set(key, await request.arrayBuffer()); return new Response(null); }
    if (request.method === "DELETE") { store.delete(key); return new Response(null); }
    return new Response("unsupported", { status: 405 });
  },
};
`;

const capnpString = (value: string) => JSON.stringify(value);

export interface ServeOptions {
  /** Extra text bindings (vars and secrets), on top of wrangler.toml's [vars]. */
  vars?: Record<string, string>;
  port?: number;
  /** Opens the V8 inspector on this loopback port (profiling: tools/bench/profile-workerd.ts). */
  inspectorPort?: number;
}

/** Writes the workerd config for `bundle`; returns its path. */
export function writeConfig(
  bundle: BuiltBundle,
  port: number,
  vars: Record<string, string>,
  compatibility = wranglerCompatibility(),
): string {
  const storage = join(bundle.dir, "do-storage");
  mkdirSync(storage, { recursive: true });
  writeFileSync(join(bundle.dir, "kv-service.js"), KV_SERVICE);
  const modules = bundle.files.map(({ name }) => {
    if (name.endsWith(".js")) return `(name = "${name}", esModule = embed "${name}")`;
    if (name.endsWith(".wasm")) return `(name = "${name}", wasm = embed "${name}")`;
    return `(name = "${name}", data = embed "${name}")`;
  });
  const main = modules.splice(
    bundle.files.findIndex((f) => f.name === "index.js"),
    1,
  );
  const bindings = [
    `(name = "PRICING", kvNamespace = "kv")`,
    `(name = "ROUTER_STATS", durableObjectNamespace = "RouterStats")`,
    `(name = "CONVERSATIONS", durableObjectNamespace = "ConversationState")`,
    ...Object.entries(vars).map(([name, value]) => `(name = ${capnpString(name)}, text = ${capnpString(value)})`),
  ];
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .triage),
    (name = "kv", worker = .kv),
    (name = "net", network = (allow = ["public", "private", "local"])),
    (name = "do-disk", disk = (path = ${capnpString(storage)}, writable = true)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const triage :Workerd.Worker = (
  modules = [${[...main, ...modules].join(", ")}],
  compatibilityDate = "${compatibility.date}",
  compatibilityFlags = [${compatibility.flags.map(capnpString).join(", ")}],
  bindings = [${bindings.join(", ")}],
  durableObjectNamespaces = [
    (className = "RouterStats", uniqueKey = "triage-router-stats", enableSql = true),
    (className = "ConversationState", uniqueKey = "triage-conversation-state", enableSql = true),
  ],
  durableObjectStorage = (localDisk = "do-disk"),
  globalOutbound = "net",
);
const kv :Workerd.Worker = (
  modules = [(name = "kv-service.js", esModule = embed "kv-service.js")],
  compatibilityDate = "${compatibility.date}",
);
`;
  const path = join(bundle.dir, "config.capnp");
  writeFileSync(path, config);
  return path;
}

export interface RunningWorkerd {
  base: string;
  pid: number;
  /** Milliseconds from spawn to the first answered request (any status). */
  startupMs: number;
  /** User + system CPU time of the workerd process so far, in ms (Linux /proc). */
  cpuMs(): number;
  /** Peak resident memory so far, in KiB (Linux /proc). */
  peakRssKiB(): number;
  output(): string;
  stop(): Promise<void>;
}

/** Starts workerd on `bundle` and waits until it answers. */
export async function serveBundle(bundle: BuiltBundle, options: ServeOptions = {}): Promise<RunningWorkerd> {
  const port = options.port ?? (await freePort());
  const config = writeConfig(bundle, port, { ...wranglerVars(), ...options.vars });
  const started = performance.now();
  const inspector = options.inspectorPort ? ["--inspector-addr", `127.0.0.1:${options.inspectorPort}`] : [];
  const child: ChildProcess = spawn(workerdBinary(), ["serve", config, ...inspector], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const keep = (chunk: Buffer) => {
    // Keep the tail only: the router logs a line per request.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await fetch(`${base}/healthz`);
      const startupMs = performance.now() - started;
      return {
        base,
        pid: child.pid!,
        startupMs,
        cpuMs: () => processCpuMs(child.pid!),
        peakRssKiB: () => peakRss(child.pid!),
        output: () => output,
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      };
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  child.kill("SIGKILL");
  throw new Error(`workerd did not start:\n${output}`);
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process (and its reaped children), in ms. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields after the command: state is [0]; utime [11], stime [12] (man 5 proc, fields 14 and 15).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

function peakRss(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}

export function removeBundle(bundle: BuiltBundle): void {
  rmSync(bundle.dir, { recursive: true, force: true });
}

// CLI: serve the bundle until interrupted.
if (import.meta.main) {
  const args = process.argv.slice(2);
  const vars: Record<string, string> = {};
  let port = 8787;
  for (let i = 0; i < args.length; i++) {
    if (args[i] === "--port") port = Number(args[++i]);
    else if (args[i] === "--var") {
      const [name, ...rest] = args[++i]!.split("=");
      vars[name!] = rest.join("=");
    }
  }
  const bundle = buildBundle({ lite: args.includes("--lite") });
  const server = await serveBundle(bundle, { port, vars });
  console.log(`triage (workerd ${workerdVersion()}) on ${server.base}, started in ${server.startupMs.toFixed(0)} ms`);
  const stop = () => void server.stop().then(() => (removeBundle(bundle), process.exit(0)));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
