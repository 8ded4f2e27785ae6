// Starts a local server process (npm run dev, wrangler dev) for the Node end-to-end tests and
// waits until it answers /healthz. The process gets its own group, so stop() ends its children too.
import { spawn } from "node:child_process";

export interface SpawnedServer {
  base: string;
  output(): string;
  stop(): void;
}

export async function spawnServer(
  args: string[],
  base: string,
  env: NodeJS.ProcessEnv,
  timeoutMs = 90_000,
): Promise<SpawnedServer> {
  let output = "";
  const child = spawn(process.execPath, args, { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  child.stdout!.on("data", (chunk) => (output += chunk));
  child.stderr!.on("data", (chunk) => (output += chunk));
  const server = {
    base,
    output: () => output,
    stop: () => {
      if (child.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    },
  };
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && child.exitCode === null) {
    try {
      if ((await fetch(`${base}/healthz`)).ok) return server;
    } catch {
      // not up yet
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  server.stop();
  throw new Error(`${args.join(" ")} did not come up:\n${output}`);
}

/** The caller's environment without provider credentials or endpoints (nothing may leak in from a shell). */
export function cleanEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    WRANGLER_SEND_METRICS: "false",
    CLOUDFLARE_CF_FETCH_ENABLED: "false",
  };
  for (const name of Object.keys(env)) if (name.endsWith("_API_KEY") || name.endsWith("_BASE_URL")) delete env[name];
  delete env.ROUTER_AUTH;
  return { ...env, ...extra };
}
