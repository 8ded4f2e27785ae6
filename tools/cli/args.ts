// Command-line arguments of `triage route` → an OpenAI chat request body with a `router` object,
// which the Worker's own zod schema then validates (so bad limits fail exactly as over HTTP).
import { readFileSync } from "node:fs";

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

export function parseCliArgs(argv: string[]): CliOptions | { help: true } | { error: string } {
  const args = [...argv];
  if (args.includes("-h") || args.includes("--help") || args.length === 0) return { help: true };
  if (args[0] !== "route") return { error: `unknown command '${args[0]}' (try: triage route "your prompt")` };
  args.shift();
  const router: Record<string, unknown> = {};
  const body: Record<string, unknown> = { model: "auto" };
  let prompt: string | undefined;
  let system: string | undefined;
  let providers: string[] | undefined;
  let classifier: "on" | "off" = "on";
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    const value = () => {
      const next = args[++i];
      if (next === undefined) throw new Error(`${arg} needs a value`);
      return next;
    };
    const number = () => {
      const text = value();
      const n = Number(text);
      if (!Number.isFinite(n)) throw new Error(`${arg} needs a number, got '${text}'`);
      return n;
    };
    try {
      switch (arg) {
        case "--json":
          json = true;
          break;
        case "--model":
          body.model = value();
          break;
        case "--objective":
          router.objective = value();
          break;
        case "--max-cost":
          router.max_cost_usd = number();
          break;
        case "--max-latency":
          router.max_latency_ms = number();
          break;
        case "--min-tier":
          router.min_tier = value();
          break;
        case "--require":
          router.require = list(value());
          break;
        case "--allow-providers":
        case "--deny-providers":
        case "--allow-models":
        case "--deny-models":
          router[arg.slice(2).replace("-", "_")] = list(value());
          break;
        case "--providers":
          providers = list(value());
          break;
        case "--system":
          system = value();
          break;
        case "--max-tokens":
          body.max_tokens = number();
          break;
        case "--classifier": {
          const v = value();
          if (v !== "on" && v !== "off") throw new Error("--classifier is on or off");
          classifier = v;
          break;
        }
        case "--file": {
          const path = value();
          prompt = readFileSync(path === "-" ? 0 : path, "utf8");
          break;
        }
        default:
          if (arg.startsWith("-") && arg !== "-") throw new Error(`unknown option ${arg}`);
          if (prompt !== undefined) throw new Error("give one prompt (quote it)");
          prompt = arg === "-" ? readFileSync(0, "utf8") : arg;
      }
    } catch (error) {
      return { error: (error as Error).message };
    }
  }
  if (prompt === undefined) return { error: "no prompt given" };
  body.messages = [...(system ? [{ role: "system", content: system }] : []), { role: "user", content: prompt }];
  if (Object.keys(router).length > 0) body.router = router;
  return { body, prompt, providers, classifier, json };
}
