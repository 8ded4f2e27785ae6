// The processes of the gateway benchmark: the mock upstream, Triage (the deploy bundle on bare
// workerd) and Portkey's open-source gateway (its published Node server), all on loopback and all
// pointed at the same mock. Each is a separate process so its CPU time can be read from /proc.
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { freePort } from "../../test/node/free-port.ts";
import type { Target } from "./http-client.ts";
import { processCpuMs, serveBundle, waitForAnswer, workerdBinary, type BuiltBundle } from "./workerd-server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
export const UPSTREAM_KEY = "sk-bench-0123456789abcdef";
export const ADMIN_TOKEN = "bench-admin-token-0123456789";
/** Mock scenario every gateway is pointed at (its `ttft` rule only affects streams). */
export const SCENARIO = "bench";
/** The upstream model every pass-through request names. */
export const UPSTREAM_MODEL = "gpt-4.1-nano";

export const packageVersion = (name: string) =>
  JSON.parse(readFileSync(resolve(ROOT, "node_modules", name, "package.json"), "utf8")).version as string;

export interface Proc {
  base: string;
  pid: number;
  /** Spawn to first answered request, ms. */
  startupMs: number;
  cpuMs(): number;
  stop(): Promise<void>;
}

/** Spawns a Node process and waits until `probePath` answers (any status). */
async function spawnNode(label: string, args: (port: number) => string[], env: NodeJS.ProcessEnv): Promise<Proc> {
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, args(port), {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const base = `http://127.0.0.1:${port}`;
  if (!(await waitForAnswer(child, `${base}/`))) {
    child.kill("SIGKILL");
    throw new Error(`${label} did not start`);
  }
  const startupMs = performance.now() - started;
  return {
    base,
    pid: child.pid!,
    startupMs,
    cpuMs: () => processCpuMs(child.pid!),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
    },
  };
}

export async function startMock(): Promise<Proc> {
  const mock = await spawnNode("mock upstream", (port) => ["test/mock-upstream/main.ts", String(port)], {});
  await setMockRules(mock.base, []);
  return mock;
}

/** Replaces the bench scenario's fault rules (and clears its request log). */
export async function setMockRules(base: string, rules: unknown[]): Promise<void> {
  const res = await fetch(`${base}/__mock/scenarios/${SCENARIO}`, { method: "PUT", body: JSON.stringify({ rules }) });
  if (!res.ok) throw new Error(`mock control: HTTP ${res.status}`);
}

/** Portkey's gateway as its package ships it: `node build/start-server.js --port=N --headless`. */
export function startPortkey(): Promise<Proc> {
  return spawnNode(
    "portkey gateway",
    (port) => ["node_modules/@portkey-ai/gateway/build/start-server.js", `--port=${port}`, "--headless"],
    // production: no log-streaming UI routes (what a deployment runs).
    { NODE_ENV: "production" },
  );
}

export async function startTriage(bundle: BuiltBundle, mockBase: string): Promise<Proc> {
  const server = await serveBundle(bundle, {
    vars: {
      OPENAI_API_KEY: UPSTREAM_KEY,
      OPENAI_BASE_URL: `${mockBase}/s/${SCENARIO}/v1`,
      ADMIN_TOKEN,
      // No client-key check, like the Portkey gateway it is compared with (bench:load runs with keys).
      ROUTER_AUTH: "open",
    },
  });
  return { base: server.base, pid: server.pid, startupMs: server.startupMs, cpuMs: server.cpuMs, stop: server.stop };
}

/**
 * One script of tools/bench/ (no router code) on this checkout's workerd, with text bindings and, when
 * `network`, outbound fetch. Started once `probe` answers (any status).
 */
export async function serveScript(
  script: string,
  options: { bindings?: Record<string, string>; network?: boolean; probe: RequestInit & { path: string } },
): Promise<Proc> {
  const dir = mkdtempSync(join(tmpdir(), "triage-script-"));
  const port = await freePort();
  writeFileSync(join(dir, script), readFileSync(resolve(import.meta.dirname, script)));
  const bindings = Object.entries(options.bindings ?? {}).map(([name, text]) => `(name = "${name}", text = "${text}")`);
  writeFileSync(
    join(dir, "config.capnp"),
    `using Workerd = import "/workerd/workerd.capnp";
const config :Workerd.Config = (
  services = [(name = "main", worker = .script)${options.network ? `, (name = "net", network = (allow = ["public", "private", "local"]))` : ""}],
  sockets = [(name = "http", address = "127.0.0.1:${port}", http = (), service = "main")],
);
const script :Workerd.Worker = (
  modules = [(name = "${script}", esModule = embed "${script}")],
  compatibilityDate = "2026-08-15",
  bindings = [${bindings.join(", ")}],
  ${options.network ? `globalOutbound = "net",` : ""}
);
`,
  );
  const started = performance.now();
  const child = spawn(workerdBinary(), ["serve", join(dir, "config.capnp")], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const exited = new Promise<void>((r) => child.once("exit", () => r()));
  const base = `http://127.0.0.1:${port}`;
  const { path, ...probe } = options.probe;
  if (!(await waitForAnswer(child, `${base}${path}`, 30_000, probe))) {
    child.kill("SIGKILL");
    throw new Error(`workerd did not start tools/bench/${script}`);
  }
  return {
    base,
    pid: child.pid!,
    startupMs: performance.now() - started,
    cpuMs: () => processCpuMs(child.pid!),
    stop: async () => {
      if (child.exitCode === null) child.kill("SIGTERM");
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** tools/bench/proxy-worker.js on the same workerd: the runtime's own cost of a proxied call. */
export const startProxyWorker = (mockBase: string): Promise<Proc> =>
  serveScript("proxy-worker.js", {
    bindings: { UPSTREAM: `${mockBase}/s/${SCENARIO}` },
    network: true,
    probe: { path: "/health", method: "POST", body: "{}" },
  });

export interface BenchTargets {
  direct: Target;
  workerdProxy: Target;
  triageModel: Target;
  triageAuto: Target;
  portkey: Target;
}

/** The same chat request four ways. `stream` adds stream: true (and usage) to every body. */
export function chatTargets(
  bases: { mock: string; triage: string; portkey: string; proxy?: string },
  prompt: string,
  stream = false,
): BenchTargets {
  const body = (model: string) =>
    JSON.stringify({
      model,
      messages: [{ role: "user", content: prompt }],
      ...(stream ? { stream: true, stream_options: { include_usage: true } } : {}),
    });
  const path = "/v1/chat/completions";
  return {
    direct: {
      name: "direct",
      url: `${bases.mock}/s/${SCENARIO}${path}`,
      headers: { authorization: `Bearer ${UPSTREAM_KEY}` },
      body: body(UPSTREAM_MODEL),
    },
    workerdProxy: {
      name: "workerd proxy",
      url: `${bases.proxy ?? ""}/v1/chat/completions`,
      headers: { authorization: `Bearer ${UPSTREAM_KEY}` },
      body: body(UPSTREAM_MODEL),
    },
    triageModel: {
      name: "triage (model)",
      url: `${bases.triage}${path}`,
      headers: {},
      body: body(`openai/${UPSTREAM_MODEL}`),
    },
    triageAuto: { name: "triage (auto)", url: `${bases.triage}${path}`, headers: {}, body: body("auto") },
    portkey: {
      name: "portkey",
      url: `${bases.portkey}${path}`,
      headers: {
        authorization: `Bearer ${UPSTREAM_KEY}`,
        "x-portkey-provider": "openai",
        "x-portkey-custom-host": `${bases.mock}/s/${SCENARIO}/v1`,
      },
      body: body(UPSTREAM_MODEL),
    },
  };
}
