// The committed worker-configuration.d.ts (the Env bindings' types) must be what wrangler.toml
// generates: a binding added to wrangler.toml is typed only after `npm run build:types`.
import { spawnSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { expect, it } from "vitest";

it("worker-configuration.d.ts is up to date with wrangler.toml (run npm run build:types)", () => {
  const script = JSON.parse(readFileSync("package.json", "utf8")).scripts["build:types"] as string;
  const args = script.split(" ").slice(1); // the same flags as the build, plus --check
  const run = spawnSync(process.execPath, ["node_modules/wrangler/bin/wrangler.js", ...args, "--check"], {
    encoding: "utf8",
    env: { ...process.env, WRANGLER_SEND_METRICS: "false", NO_COLOR: "1" },
  });
  expect(run.status, `${run.stdout}\n${run.stderr}`).toBe(0);
}, 60_000);
