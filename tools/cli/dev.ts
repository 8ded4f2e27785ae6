// `npm run dev`: the mock upstream plus `wrangler dev`, so the router answers
// chat requests locally with no API keys. Real keys in .dev.vars take precedence
// per provider; keyless providers are served by the mock.
// Client auth is in open mode (ROUTER_AUTH=open): callers need no Triage key, and
// Triage keys (tri_…) are still checked. ROUTER_AUTH=keys in the shell keeps keys mode.
//   PORT (default 8787), MOCK_UPSTREAM_PORT (default 8790)
import { spawn } from "node:child_process";
import { startMockUpstream } from "../../test/mock-upstream/server.ts";

const port = Number(process.env.PORT ?? 8787);
const mockPort = Number(process.env.MOCK_UPSTREAM_PORT ?? 8790);

const authMode = process.env.ROUTER_AUTH === "keys" ? "keys" : "open";

const mock = await startMockUpstream(mockPort);
console.log(`[triage] mock upstream on ${mock.url} (serves every provider that has no API key)`);
if (authMode === "open") {
  console.warn(
    [
      "",
      "[triage] WARNING: client auth is OPEN (ROUTER_AUTH=open) — every caller is served without a key.",
      "[triage]          Local development only. A deployed Worker defaults to ROUTER_AUTH=keys.",
      "[triage]          Run with ROUTER_AUTH=keys to require Triage keys locally too.",
      "",
    ].join("\n"),
  );
}

const wrangler = spawn(
  process.execPath,
  [
    "node_modules/wrangler/bin/wrangler.js",
    "dev",
    "--ip",
    "127.0.0.1",
    "--port",
    String(port),
    "--var",
    `DEV_UPSTREAM_URL:${mock.url}`,
    "--var",
    `ROUTER_AUTH:${authMode}`,
    ...process.argv.slice(2),
  ],
  {
    stdio: "inherit",
    // No telemetry, and no fetch of the Request.cf object: this must work offline.
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", CLOUDFLARE_CF_FETCH_ENABLED: "false" },
  },
);

const stop = (code: number) => {
  wrangler.kill("SIGTERM");
  void mock.close().then(() => process.exit(code));
};
wrangler.on("exit", (code) => stop(code ?? 0));
process.on("SIGINT", () => stop(0));
process.on("SIGTERM", () => stop(0));
