// Serves Triage the way Cloudflare runs it, minus the network: the bundle `wrangler deploy
// --dry-run --outdir` produces, loaded by bare `workerd` (no wrangler dev, no Miniflare proxy).
// Bindings come from wrangler.toml: each KV namespace is an in-memory KV service (workerd's KV wire
// protocol: get, put with metadata, delete, paged list), each Durable Object class runs on SQLite
// storage in a fresh directory (on tmpfs where there is one), plus wrangler.toml's [vars] and
// whatever secrets/vars the caller adds (e.g. OPENAI_BASE_URL → the mock). Outbound fetches may
// reach loopback (the mock upstream).
//
//   node tools/bench/workerd-server.ts [--lite] [--port 8787] [--var NAME=VALUE …]
// Used by `npm run bench` (gateway overhead, streaming, throughput, cold start), `npm run bench:load`
// and the dashboard's browser test.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { freePort } from "../../test/node/free-port.ts";
import {
  wranglerCompatibility,
  wranglerDurableObjects,
  wranglerKvBindings,
  wranglerVars,
} from "../lib/wrangler-config.ts";

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
  /** The checkout it was built from (its wrangler.toml names the bindings). */
  root: string;
}

/** `wrangler deploy --dry-run --outdir` (optionally the lite build without onnxruntime-web). */
/** `readable`: not minified (for profiles that name functions); the same code otherwise. */
/** `root`: build another checkout (e.g. a temporary worktree of an older revision) with this one's wrangler. */
export function buildBundle(options: { lite?: boolean; readable?: boolean; root?: string } = {}): BuiltBundle {
  const root = options.root ?? ROOT;
  const dir = mkdtempSync(join(tmpdir(), "triage-bundle-"));
  const extra = [
    ...(options.lite ? ["--define", "__TRIAGE_ONNX__:false"] : []),
    ...(options.readable ? ["--no-minify"] : []),
  ];
  execFileSync(
    process.execPath,
    [resolve(ROOT, "node_modules/wrangler/bin/wrangler.js"), "deploy", "--dry-run", "--outdir", dir, ...extra],
    { cwd: root, stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  const files = readdirSync(dir)
    .filter((name) => /\.(js|wasm|onnx|bin)$/.test(name))
    .map((name) => ({ name, bytes: readFileSync(join(dir, name)).length }));
  return { dir, files, lite: Boolean(options.lite), root };
}

// workerd's KV binding speaks HTTP to a service: GET/PUT/DELETE /<key>?urlencoded=true, GET / lists
// (the protocol miniflare's KV worker implements), with metadata in the CF-KV-Metadata header.
const KV_SERVICE = `const store = new Map();
const decode = (raw, params) => (params.get("urlencoded") === "true" ? decodeURIComponent(raw) : raw);
export default {
  async fetch(request) {
    const url = new URL(request.url);
    const raw = url.pathname.slice(1);
    if (request.method === "GET" && raw === "") {
      const prefix = url.searchParams.get("prefix") ?? "";
      const limit = Number(url.searchParams.get("key_count_limit") ?? 1000);
      const start = Number(url.searchParams.get("cursor") ?? 0);
      const names = [...store.keys()].filter((k) => k.startsWith(prefix)).sort();
      const page = names.slice(start, start + limit);
      const done = start + limit >= names.length;
      return Response.json({
        keys: page.map((name) => ({ name, ...(store.get(name).metadata !== null ? { metadata: store.get(name).metadata } : {}) })),
        list_complete: done,
        ...(done ? {} : { cursor: String(start + limit) }),
        cacheStatus: null,
      });
    }
    const key = decode(raw, url.searchParams);
    if (request.method === "GET") {
      const entry = store.get(key);
      if (!entry) return new Response("Not Found", { status: 404 });
      return new Response(entry.value, { headers: entry.metadata !== null ? { "CF-KV-Metadata": entry.metadata } : {} });
    }
    if (request.method === "PUT") {
      store.set(key, { value: new Uint8Array(await request.arrayBuffer()), metadata: request.headers.get("CF-KV-Metadata") });
      return new Response(null);
    }
    if (request.method === "DELETE") {
      store.delete(key);
      return new Response(null);
    }
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

/** Writes the workerd config for `bundle`; returns its path and the Durable Objects' storage directory. */
export function writeConfig(
  bundle: BuiltBundle,
  port: number,
  vars: Record<string, string>,
  compatibility = wranglerCompatibility(bundle.root),
): { path: string; storage: string } {
  // SQLite-backed Durable Objects need disk storage (inMemory has no SQL API): on tmpfs where there is one.
  const storage = existsSync("/dev/shm") ? mkdtempSync(join("/dev/shm", "triage-do-")) : join(bundle.dir, "do-storage");
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
  const kvBindings = wranglerKvBindings(bundle.root);
  const durableObjects = wranglerDurableObjects(bundle.root);
  const bindings = [
    ...kvBindings.map((name) => `(name = "${name}", kvNamespace = "kv-${name}")`),
    ...durableObjects.map((d) => `(name = "${d.name}", durableObjectNamespace = "${d.className}")`),
    ...Object.entries(vars).map(([name, value]) => `(name = ${capnpString(name)}, text = ${capnpString(value)})`),
  ];
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "main", worker = .triage),
    ${kvBindings.map((name) => `(name = "kv-${name}", worker = .kv),`).join("\n    ")}
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
    ${durableObjects.map((d) => `(className = "${d.className}", uniqueKey = "triage-${d.className}", enableSql = true)`).join(",\n    ")}
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
  return { path, storage };
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
  const { path: config, storage } = writeConfig(bundle, port, { ...wranglerVars(bundle.root), ...options.vars });
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
  // If the caller dies, take workerd with it (a busy workerd can ignore SIGTERM).
  const orphanGuard = () => child.kill("SIGKILL");
  process.once("exit", orphanGuard);
  void exited.then(() => {
    process.off("exit", orphanGuard);
    rmSync(storage, { recursive: true, force: true });
  });
  const base = `http://127.0.0.1:${port}`;
  if (!(await waitForAnswer(child, `${base}/healthz`))) {
    child.kill("SIGKILL");
    throw new Error(`workerd did not start:\n${output}`);
  }
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
      const killer = setTimeout(() => child.kill("SIGKILL"), 3_000);
      await exited;
      clearTimeout(killer);
    },
  };
}

/** Polls `url` until it answers (any status): true, or false if `child` exits or `timeoutMs` passes. */
export async function waitForAnswer(
  child: ChildProcess,
  url: string,
  timeoutMs = 30_000,
  init?: RequestInit,
): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      await fetch(url, init);
      return true;
    } catch {
      await new Promise((r) => setTimeout(r, 5));
    }
  }
  return false;
}

const CLOCK_TICKS = 100; // USER_HZ on Linux

/** utime + stime of a process (and its reaped children), in ms. */
export function processCpuMs(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  // Fields after the command: state is [0]; utime [11], stime [12] (man 5 proc, fields 14 and 15).
  return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
}

/** Resident memory (bytes) and CPU time (ms, user + system) of a process, from /proc. */
export function processUsage(pid: number): { rssBytes: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  return { rssBytes: rssKb * 1024, cpuMs: processCpuMs(pid) };
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
  const { values } = parseArgs({
    options: {
      port: { type: "string", default: "8787" },
      var: { type: "string", multiple: true, default: [] },
      lite: { type: "boolean", default: false },
    },
  });
  const port = Number(values.port);
  const vars: Record<string, string> = {};
  for (const assignment of values.var) {
    const [name, ...rest] = assignment.split("=");
    vars[name!] = rest.join("=");
  }
  const bundle = buildBundle({ lite: values.lite });
  const server = await serveBundle(bundle, { port, vars });
  console.log(`triage (workerd ${workerdVersion()}) on ${server.base}, started in ${server.startupMs.toFixed(0)} ms`);
  const stop = () => void server.stop().then(() => (removeBundle(bundle), process.exit(0)));
  process.on("SIGINT", stop);
  process.on("SIGTERM", stop);
}
