// npm run pricing:push -- (--local | --remote) [--file catalog.json] [--dry-run] [--persist-to DIR]
// Validates a catalog and writes it to the PRICING KV namespace with `wrangler kv key put`, as the
// current catalog and as its version key (so the admin API can roll back to it).
//   --local   the namespace `wrangler dev` / `npm run dev` uses (.wrangler/state)
//   --remote  the deployed namespace (needs `wrangler login` and the namespace id in wrangler.toml)
// Without --file the bundled default catalog (src/pricing/default-catalog.generated.ts) is pushed.
// Prefer the admin API on a running deployment: it checks versions (If-Match) and keeps history.
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { catalogSchema } from "../../src/pricing/catalog-schema.ts";
import { GENERATED_CATALOG } from "../../src/pricing/default-catalog.generated.ts";

const args = process.argv.slice(2);
const flag = (name: string) => args.includes(name);
const value = (name: string) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

const target = flag("--remote") ? "--remote" : flag("--local") ? "--local" : undefined;
if (!target) {
  console.error("pricing:push: choose --local (wrangler dev state) or --remote (the deployed namespace)");
  process.exit(2);
}
const file = value("--file");
const parsed = catalogSchema.safeParse(file ? JSON.parse(readFileSync(file, "utf8")) : GENERATED_CATALOG);
if (!parsed.success) {
  const issue = parsed.error.issues[0];
  console.error(`pricing:push: invalid catalog: ${issue?.path.join(".")}: ${issue?.message}`);
  process.exit(1);
}
const catalog = parsed.data;
const path = join(mkdtempSync(join(tmpdir(), "triage-pricing-")), "catalog.json");
writeFileSync(path, JSON.stringify(catalog));

const persist = value("--persist-to");
for (const key of [`catalog:v:${catalog.version}`, "catalog:current"]) {
  const command = ["wrangler", "kv", "key", "put", key, "--binding", "PRICING", "--path", path, target];
  if (persist) command.push("--persist-to", persist);
  console.log(`${flag("--dry-run") ? "[dry run] " : ""}npx ${command.join(" ")}`);
  if (!flag("--dry-run")) execFileSync("npx", command, { stdio: "inherit" });
}
console.log(`pushed catalog version ${catalog.version} (${catalog.models.length} models) to ${target.slice(2)} KV`);
