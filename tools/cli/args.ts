// Command-line arguments of `triage route` → an OpenAI chat request body with a `router` object,
// which the Worker's own zod schema then validates (so bad limits fail exactly as over HTTP).
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";

export const USAGE = `Usage: triage route "<prompt>" [options]
       triage route --file prompt.txt [options]      (or - for stdin)

Prints the routing decision and why: the features that fired, score, tier, stage,
chosen model and fallbacks, expected cost against the baseline model.

Options:
  --model <id>               auto (default), auto:cost|balanced|quality|latency, or a catalog id
  --objective <name>         cost | balanced | quality | latency
  --max-cost <usd>           cost ceiling for this request
  --max-latency <ms>         latency ceiling
  --min-tier <tier>          simple | moderate | complex
  --require <caps>           comma-separated: tools, vision, json, streaming, reasoning
  --allow-providers <ids>    comma-separated provider ids (also --deny-providers)
  --allow-models <ids>       comma-separated catalog ids (also --deny-models)
  --providers <ids>          which providers are configured (default: all)
  --system <text>            a system prompt
  --max-tokens <n>           the request's max_tokens
  --classifier on|off        the ONNX stage for uncertain prompts (default: on, as deployed)
  --json                     machine-readable output (the /v1/route body plus the explanation)
  -h, --help                 this text`;

export interface CliOptions {
  body: Record<string, unknown>;
  prompt: string;
  providers: string[] | undefined;
  classifier: "on" | "off";
  json: boolean;
}

const list = (value: string) =>
  value
    .split(",")
    .map((part) => part.trim())
    .filter(Boolean);

const OPTIONS = {
  json: { type: "boolean" },
  model: { type: "string" },
  objective: { type: "string" },
  "max-cost": { type: "string" },
  "max-latency": { type: "string" },
  "min-tier": { type: "string" },
  require: { type: "string" },
  "allow-providers": { type: "string" },
  "deny-providers": { type: "string" },
  "allow-models": { type: "string" },
  "deny-models": { type: "string" },
  providers: { type: "string" },
  system: { type: "string" },
  "max-tokens": { type: "string" },
  classifier: { type: "string" },
  file: { type: "string" },
  help: { type: "boolean", short: "h" },
} as const;

export function parseCliArgs(argv: string[]): CliOptions | { help: true } | { error: string } {
  let parsed: ReturnType<typeof parseArgs<{ options: typeof OPTIONS; allowPositionals: true }>>;
  try {
    parsed = parseArgs({ args: argv, options: OPTIONS, allowPositionals: true });
  } catch (error) {
    return { error: (error as Error).message };
  }
  const { values, positionals } = parsed;
  if (values.help || argv.length === 0) return { help: true };
  const [command, ...prompts] = positionals;
  if (command !== "route")
    return { error: `unknown command '${command ?? argv[0]}' (try: triage route "your prompt")` };
  const number = (name: "max-cost" | "max-latency" | "max-tokens") => {
    const text = values[name];
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isFinite(n)) throw new Error(`--${name} needs a number, got '${text}'`);
    return n;
  };
  const router: Record<string, unknown> = {};
  const body: Record<string, unknown> = { model: values.model ?? "auto" };
  let prompt: string | undefined;
  try {
    if (values.objective !== undefined) router.objective = values.objective;
    const maxCost = number("max-cost");
    if (maxCost !== undefined) router.max_cost_usd = maxCost;
    const maxLatency = number("max-latency");
    if (maxLatency !== undefined) router.max_latency_ms = maxLatency;
    if (values["min-tier"] !== undefined) router.min_tier = values["min-tier"];
    if (values.require !== undefined) router.require = list(values.require);
    for (const name of ["allow-providers", "deny-providers", "allow-models", "deny-models"] as const) {
      const value = values[name];
      if (value !== undefined) router[name.replace("-", "_")] = list(value);
    }
    const maxTokens = number("max-tokens");
    if (maxTokens !== undefined) body.max_tokens = maxTokens;
    if (values.classifier !== undefined && values.classifier !== "on" && values.classifier !== "off") {
      throw new Error("--classifier is on or off");
    }
    if (prompts.length + (values.file !== undefined ? 1 : 0) > 1) throw new Error("give one prompt (quote it)");
    const source = values.file ?? prompts[0];
    if (source !== undefined) {
      prompt = values.file !== undefined || source === "-" ? readFileSync(source === "-" ? 0 : source, "utf8") : source;
    }
  } catch (error) {
    return { error: (error as Error).message };
  }
  const system = values.system;
  const providers = values.providers !== undefined ? list(values.providers) : undefined;
  const classifier: "on" | "off" = values.classifier === "off" ? "off" : "on";
  const json = values.json ?? false;
  if (prompt === undefined) return { error: "no prompt given" };
  body.messages = [...(system ? [{ role: "system", content: system }] : []), { role: "user", content: prompt }];
  if (Object.keys(router).length > 0) body.router = router;
  return { body, prompt, providers, classifier, json };
}
