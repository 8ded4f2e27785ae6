// What the Node tools need from wrangler.toml: its [vars] (flat strings) and compatibility settings.
// A few regular expressions, not a TOML parser: the file keeps these as simple `KEY = "value"` lines.
import { readFileSync } from "node:fs";
import { resolve } from "node:path";

const ROOT = resolve(import.meta.dirname, "../..");
/** `root`: another checkout (the bench's `--before` revision), whose bindings may differ. */
const toml = (root = ROOT) => readFileSync(resolve(root, "wrangler.toml"), "utf8");

/** The [vars] table of wrangler.toml. */
export function wranglerVars(root = ROOT): Record<string, string> {
  const section = /^\[vars\]\s*$([\s\S]*?)(?=^\[)/m.exec(toml(root))?.[1] ?? "";
  const vars: Record<string, string> = {};
  for (const match of section.matchAll(/^([A-Z0-9_]+)\s*=\s*"([^"]*)"\s*$/gm)) vars[match[1]!] = match[2]!;
  return vars;
}

/** compatibility_date and compatibility_flags, as workerd wants them. */
export function wranglerCompatibility(root = ROOT): { date: string; flags: string[] } {
  const text = toml(root);
  const date = /^compatibility_date\s*=\s*"([^"]+)"/m.exec(text)?.[1] ?? "2026-08-15";
  const flags = /^compatibility_flags\s*=\s*\[([^\]]*)\]/m.exec(text)?.[1] ?? "";
  return { date, flags: [...flags.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) };
}

/** Binding names of the [[kv_namespaces]] tables. */
export function wranglerKvBindings(root = ROOT): string[] {
  const blocks = toml(root)
    .split(/^\[\[kv_namespaces\]\]\s*$/m)
    .slice(1);
  return blocks.flatMap((block) => /^binding\s*=\s*"([^"]+)"/m.exec(block.split(/^\[/m)[0]!)?.[1] ?? []);
}

/** [[durable_objects.bindings]]: binding name and class name. */
export function wranglerDurableObjects(root = ROOT): { name: string; className: string }[] {
  const blocks = toml(root)
    .split(/^\[\[durable_objects\.bindings\]\]\s*$/m)
    .slice(1);
  return blocks.flatMap((block) => {
    const body = block.split(/^\[/m)[0]!;
    const name = /^name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    const className = /^class_name\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    return name && className ? [{ name, className }] : [];
  });
}

/** [[migrations]]: each tag with the classes it creates (new_sqlite_classes), in file order. */
export function wranglerMigrations(): { tag: string; newClasses: string[] }[] {
  const blocks = toml()
    .split(/^\[\[migrations\]\]\s*$/m)
    .slice(1);
  return blocks.flatMap((block) => {
    const body = block.split(/^\[/m)[0]!;
    const tag = /^tag\s*=\s*"([^"]+)"/m.exec(body)?.[1];
    const classes = /^new_sqlite_classes\s*=\s*\[([^\]]*)\]/m.exec(body)?.[1] ?? "";
    return tag ? [{ tag, newClasses: [...classes.matchAll(/"([^"]+)"/g)].map((m) => m[1]!) }] : [];
  });
}
