// `npm run dev`: the mock upstream plus `wrangler dev`, so the router answers
// chat requests locally with no API keys. Real keys in .dev.vars take precedence
// per provider; keyless providers are served by the mock.
//   PORT (default 8787), MOCK_UPSTREAM_PORT (default 8790)
import { spawn } from "node:child_process";
import { startMockUpstream } from "../test/mock-upstream/server.ts";

const port = Number(process.env.PORT ?? 8787);
const mockPort = Number(process.env.MOCK_UPSTREAM_PORT ?? 8790);

const mock = await startMockUpstream(mockPort);
console.log(`[triage] mock upstream on ${mock.url} (serves every provider that has no API key)`);

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
