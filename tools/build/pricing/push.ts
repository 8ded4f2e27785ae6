// npm run pricing:push -- (--local | --remote) [--file catalog.json] [--dry-run] [--persist-to DIR]
// Validates a catalog and writes it to the PRICING KV namespace with `wrangler kv key put` as the
// NEXT version: above the current catalog's and every kept version (versions only go up), stored
// as the current catalog and under its version key (so the admin API can roll back to it).
//   --local   the namespace `wrangler dev` / `npm run dev` uses (.wrangler/state)
//   --remote  the deployed namespace (needs `wrangler login` and the namespace id in wrangler.toml)
// Without --file the bundled default catalog (src/pricing/default-catalog.generated.ts) is pushed.
// Prefer the admin API on a running deployment: it checks versions (If-Match) and keeps history.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { GENERATED_CATALOG } from "../../../src/pricing/default-catalog.generated.ts";
import { nextPushedCatalog } from "./push-version.ts";

const { values } = parseArgs({
  options: {
    local: { type: "boolean", default: false },
    remote: { type: "boolean", default: false },
    file: { type: "string" },
    "dry-run": { type: "boolean", default: false },
    "persist-to": { type: "string" },
  },
});

const target = values.remote ? "--remote" : values.local ? "--local" : undefined;
if (!target) {
  console.error("pricing:push: choose --local (wrangler dev state) or --remote (the deployed namespace)");
  process.exit(2);
}
const persist = values["persist-to"];
const wrangler = (command: string[], capture: boolean) => {
  const full = [...command, "--binding", "PRICING", target, ...(persist ? ["--persist-to", persist] : [])];
  return execFileSync("npx", ["wrangler", ...full], {
    encoding: "utf8",
    stdio: capture ? ["ignore", "pipe", "pipe"] : "inherit",
  });
};

/** What KV holds now: the current catalog's text (or null) and the kept version numbers. */
function readKv(): { current: string | null; kept: number[] } {
  let current: string | null = null;
  try {
    current = wrangler(["kv", "key", "get", "catalog:current", "--text"], true);
  } catch {
    current = null; // no such key
  }
  const listed = JSON.parse(wrangler(["kv", "key", "list", "--prefix", "catalog:v:"], true)) as { name: string }[];
  return { current, kept: listed.map((key) => Number(key.name.slice("catalog:v:".length))) };
}

const file = values.file;
const pushed: unknown = file ? JSON.parse(readFileSync(file, "utf8")) : GENERATED_CATALOG;
const result = nextPushedCatalog(pushed, readKv(), new Date());
if (!result.ok) {
  console.error(`pricing:push: invalid catalog: ${result.path}: ${result.issue}`);
  process.exit(1);
}
const catalog = result.catalog;
const dir = mkdtempSync(join(tmpdir(), "triage-pricing-"));
try {
  const path = join(dir, "catalog.json");
  writeFileSync(path, JSON.stringify(catalog));
  for (const key of [`catalog:v:${catalog.version}`, "catalog:current"]) {
    const command = ["kv", "key", "put", key, "--path", path];
    console.log(
      `${values["dry-run"] ? "[dry run] " : ""}npx wrangler ${command.join(" ")} --binding PRICING ${target}`,
    );
    if (!values["dry-run"]) wrangler(command, false);
  }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
console.log(`pushed catalog version ${catalog.version} (${catalog.models.length} models) to ${target.slice(2)} KV`);
