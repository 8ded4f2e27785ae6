// The workerd half of `npm run bench:classifier`: builds test/bench/classifier-worker.ts
// with `wrangler deploy --dry-run` (the deploy bundler, wrangler.toml's rules) and
// serves that output with bare workerd — no wrangler dev proxy, no miniflare.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../../test/node/free-port.ts";

const WORKERD_CANDIDATES = [
  "node_modules/wrangler/node_modules/workerd/bin/workerd",
  "node_modules/workerd/bin/workerd",
];

export const workerdBinary = () => resolve(WORKERD_CANDIDATES.find((path) => existsSync(path))!);
export const workerdVersion = () => execFileSync(workerdBinary(), ["--version"], { encoding: "utf8" }).trim();

/** Bundles the bench worker exactly as `wrangler deploy` would; returns the output directory. */
export function buildBenchWorker(): string {
  const outDir = mkdtempSync(join(tmpdir(), "triage-bench-"));
  // Its own config: the project's wrangler.toml binds Durable Objects this entry point does not export.
  const configDir = mkdtempSync(join(tmpdir(), "triage-bench-config-"));
  const config = join(configDir, "wrangler.toml");
  writeFileSync(
    config,
    `name = "triage-classifier-bench"
main = "${resolve("test/bench/classifier-worker.ts")}"
compatibility_date = "2026-08-15"
compatibility_flags = ["nodejs_compat"]
rules = [
  { type = "CompiledWasm", globs = ["**/*.wasm"], fallthrough = true },
  { type = "Data", globs = ["**/*.onnx", "**/*.bin"], fallthrough = true },
]
`,
  );
  execFileSync(
    process.execPath,
    ["node_modules/wrangler/bin/wrangler.js", "deploy", "--dry-run", "--config", config, "--outdir", outDir],
    { stdio: "pipe", env: { ...process.env, WRANGLER_SEND_METRICS: "false" } },
  );
  rmSync(configDir, { recursive: true, force: true });
  const files = readdirSync(outDir);
  const main = files.find((name) => name.endsWith(".js"))!;
  const modules = files
    .filter((name) => /\.(wasm|onnx|bin)$/.test(name))
    .map((name) =>
      name.endsWith(".wasm")
        ? `(name = "${name}", wasm = embed "${name}")`
        : `(name = "${name}", data = embed "${name}")`,
    );
  writeFileSync(
    join(outDir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .bench)],
  sockets = [(name = "http", address = "127.0.0.1:8795", http = (), service = "main")],
);
const bench :Workerd.Worker = (
  modules = [(name = "${main}", esModule = embed "${main}"), ${modules.join(", ")}],
  compatibilityDate = "2026-08-15",
  compatibilityFlags = ["nodejs_compat"],
);
`,
  );
  return outDir;
}

export interface RunningWorkerd {
  base: string;
  /** Milliseconds from spawn to the first answered request. */
  startupMs: number;
  stop(): void;
}

export async function startWorkerd(outDir: string): Promise<RunningWorkerd> {
  const port = await freePort();
  const started = performance.now();
  const child: ChildProcess = spawn(
    workerdBinary(),
    ["serve", join(outDir, "config.capnp"), "--socket-addr", `http=127.0.0.1:${port}`],
    { stdio: ["ignore", "ignore", "pipe"] },
  );
  let stderr = "";
  child.stderr!.on("data", (chunk) => (stderr += chunk));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  while (Date.now() < deadline) {
    try {
      await fetch(`${base}/ping`); // 404 is an answer: the isolate is up
      return { base, startupMs: performance.now() - started, stop: () => child.kill("SIGTERM") };
    } catch {
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  child.kill("SIGTERM");
  throw new Error(`workerd did not start:\n${stderr}`);
}

export async function getJson<T>(url: string): Promise<{ body: T; clientMs: number }> {
  const start = performance.now();
  const res = await fetch(url);
  const body = (await res.json()) as T;
  if (!res.ok) throw new Error(`${url}: ${res.status} ${JSON.stringify(body)}`);
  return { body, clientMs: performance.now() - start };
}
