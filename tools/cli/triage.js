#!/usr/bin/env node
// `npx triage …`: runs tools/cli/main.ts with the Worker's module hooks (tools/lib/worker-modules.ts).
// The CLI imports the Worker's TypeScript directly, which needs Node ≥ 22.18 (type stripping); on an
// older Node it re-runs itself with the project's pinned Node (node_modules/.bin/node).
import { spawnSync } from "node:child_process";
import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const [major, minor] = process.versions.node.split(".").map(Number);
const strips = major > 22 || (major === 22 && minor >= 18);

if (strips) {
  await import(pathToFileURL(join(here, "../lib/worker-modules.ts")).href);
  await import(pathToFileURL(join(here, "main.ts")).href);
} else {
  const pinned = join(here, "../../node_modules/.bin/node");
  if (!existsSync(pinned)) {
    console.error(`triage needs Node >= 22.18 (this is ${process.version}); run npm install first`);
    process.exit(1);
  }
  const run = spawnSync(pinned, [fileURLToPath(import.meta.url), ...process.argv.slice(2)], { stdio: "inherit" });
  process.exit(run.status ?? 1);
}
