// What the Node tools need from wrangler.toml: its [vars] (flat strings) and compatibility settings.
// A few regular expressions, not a TOML parser: the file keeps these as simple `KEY = "value"` lines.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
const toml = () => readFileSync(resolve(ROOT, "wrangler.toml"), "utf8");

/** The [vars] table of wrangler.toml. */
export function wranglerVars(): Record<string, string> {
  const section = /^\[vars\]\s*$([\s\S]*?)(?=^\[)/m.exec(toml())?.[1] ?? "";
  const vars: Record<string, string> = {};
  for (const match of section.matchAll(/^([A-Z0-9_]+)\s*=\s*"([^"]*)"\s*$/gm)) vars[match[1]!] = match[2]!;
  return vars;
}

/** compatibility_date and compatibility_flags, as workerd wants them. */
export function wranglerCompatibility(): { date: string; flags: string[] } {
  const text = toml();
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(text)?.[1] ?? "2026-08-15";
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? "";
  return { date, flags: [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) };
}
