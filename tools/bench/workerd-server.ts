// Serve the built router bundle with bare workerd (no wrangler dev, no miniflare), as METHODS.md §2
// asks for speed measurements: `wrangler deploy --dry-run --outdir` builds exactly what would be
// uploaded; a generated capnp config wires its bindings:
//   - KV (PRICING, KEYS): a small in-memory service speaking workerd's KV-binding HTTP protocol
//     (the one miniflare's KV worker implements): GET/PUT/DELETE /<key>, GET / to list;
//   - Durable Objects (RouterStats, ConversationState, KeyUsage): SQLite-backed, on a fresh temp directory;
//   - outbound fetch: loopback allowed, so providers can point at the mock upstream;
//   - [vars] from wrangler.toml, plus the caller's overrides.
// Shared helper: tools/bench/load.ts uses it; other benchmarks may too.
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../../test/node/free-port.ts";

const WORKERD_CANDIDATES = [
  "node_modules/wrangler/node_modules/workerd/bin/workerd",
  "node_modules/workerd/bin/workerd",
];

export const workerdBinary = () => resolve(WORKERD_CANDIDATES.find((path) => existsSync(path))!);
export const workerdVersion = () => execFileSync(workerdBinary(), ["--version"], { encoding: "utf8" }).trim();

const KV_WORKER = `// In-memory KV for bare workerd: the HTTP protocol behind a kvNamespace binding.
const store = new Map();
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

/** [vars] of wrangler.toml (flat string values only, which is all the router uses). */
function wranglerVars(): Record<string, string> {
  const toml = readFileSync("wrangler.toml", "utf8");
  const section = /\[vars\]\n([\s\S]*?)(?:\n\[|$)/.exec(toml)?.[1] ?? "";
  const vars: Record<string, string> = {};
  for (const line of section.split("\n")) {
    const match = /^\s*([A-Z0-9_]+)\s*=\s*"([^"]*)"/.exec(line);
    if (match) vars[match[1]!] = match[2]!;
  }
  return vars;
}

/** Bundles the router exactly as `wrangler deploy` would; returns the output directory. */
export function buildRouter(): string {
  const outDir = mkdtempSync(join(tmpdir(), "triage-load-"));
  execFileSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", "deploy", "--dry-run", "--outdir", outDir], {
    stdio: "pipe",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false" },
  });
  writeFileSync(join(outDir, "kv-memory.js"), KV_WORKER);
  return outDir;
}

const capnpString = (value: string) => JSON.stringify(value);

function writeConfig(outDir: string, vars: Record<string, string>, storage: string): string {
  const files = readdirSync(outDir);
  const main = files.find((name) => name === "index.js")!;
  const modules = [
    `(name = "${main}", esModule = embed "${main}")`,
    ...files
      .filter((name) => /\.(wasm|onnx)$/.test(name))
      .map((name) =>
        name.endsWith(".wasm")
          ? `(name = "${name}", wasm = embed "${name}")`
          : `(name = "${name}", data = embed "${name}")`,
      ),
  ];
  const classes = ["RouterStats", "ConversationState", "KeyUsage"];
  const bindings = [
    ...Object.entries(vars).map(([name, value]) => `(name = ${capnpString(name)}, text = ${capnpString(value)})`),
    `(name = "PRICING", kvNamespace = "kv-pricing")`,
    `(name = "KEYS", kvNamespace = "kv-keys")`,
    `(name = "ROUTER_STATS", durableObjectNamespace = "RouterStats")`,
    `(name = "CONVERSATIONS", durableObjectNamespace = "ConversationState")`,
    `(name = "KEY_USAGE", durableObjectNamespace = "KeyUsage")`,
  ];
  const kvWorker = `(modules = [(name = "kv-memory.js", esModule = embed "kv-memory.js")], compatibilityDate = "2026-08-15")`;
  const config = `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [
    (name = "router", worker = .router),
    (name = "kv-pricing", worker = ${kvWorker}),
    (name = "kv-keys", worker = ${kvWorker}),
    (name = "loopback", network = (allow = ["public", "private", "local"])),
    (name = "do-disk", disk = (path = ${capnpString(storage)}, writable = true)),
  ],
  sockets = [(name = "http", address = "127.0.0.1:8787", http = (), service = "router")],
);
const router :Workerd.Worker = (
  modules = [${modules.join(", ")}],
  compatibilityDate = "2026-08-15",
  compatibilityFlags = ["nodejs_compat"],
  bindings = [${bindings.join(", ")}],
  durableObjectNamespaces = [${classes.map((c) => `(className = "${c}", uniqueKey = "triage-${c}", enableSql = true)`).join(", ")}],
  durableObjectStorage = (localDisk = "do-disk"),
  globalOutbound = "loopback",
);
`;
  const path = join(outDir, "config.capnp");
  writeFileSync(path, config);
  return path;
}

export interface RunningRouter {
  base: string;
  pid: number;
  /** The last lines workerd wrote (errors, router logs). */
  tail(): string;
  stop(): Promise<void>;
}

/** Starts workerd on a free loopback port with wrangler.toml's [vars] plus `vars`; resolves once /healthz answers. */
export async function startRouter(outDir: string, vars: Record<string, string>): Promise<RunningRouter> {
  // SQLite-backed Durable Objects need disk storage (inMemory has no SQL API): a fresh directory per
  // start, on tmpfs where there is one (production Durable Objects do not share the Worker's thread).
  const storage = mkdtempSync(join(existsSync("/dev/shm") ? "/dev/shm" : outDir, "triage-do-"));
  const config = writeConfig(outDir, { ...wranglerVars(), ...vars }, storage);
  const port = await freePort();
  const child: ChildProcess = spawn(workerdBinary(), ["serve", config, "--socket-addr", `http=127.0.0.1:${port}`], {
    stdio: ["ignore", "pipe", "pipe"],
  });
  // Router log lines (one per request) must be drained, or workerd blocks on a full pipe.
  let tail = "";
  const keep = (chunk: Buffer) => {
    tail = (tail + chunk.toString()).slice(-8_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const base = `http://127.0.0.1:${port}`;
  const exited = new Promise<void>((resolveExit) => child.once("exit", () => resolveExit()));
  // If the caller dies, take workerd with it (a busy workerd can ignore SIGTERM).
  const orphanGuard = () => child.kill("SIGKILL");
  process.once("exit", orphanGuard);
  void exited.then(() => process.off("exit", orphanGuard));
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) break;
    try {
      if ((await fetch(`${base}/healthz`)).ok) {
        return {
          base,
          pid: child.pid!,
          tail: () => tail,
          stop: async () => {
            child.kill("SIGTERM");
            const killer = setTimeout(() => child.kill("SIGKILL"), 3_000);
            await exited;
            clearTimeout(killer);
            rmSync(storage, { recursive: true, force: true });
          },
        };
      }
    } catch {
      // not up yet
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  child.kill("SIGKILL");
  rmSync(storage, { recursive: true, force: true });
  throw new Error(`workerd did not start:\n${tail}`);
}

/** Resident memory (bytes) and CPU time (ms, user + system) of a process, from /proc. */
export function processUsage(pid: number): { rssBytes: number; cpuMs: number } {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  const rssKb = Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0);
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  const ticks = Number(fields[11]) + Number(fields[12]); // utime, stime (fields 14, 15 of stat)
  return { rssBytes: rssKb * 1024, cpuMs: (ticks * 1000) / 100 };
}
