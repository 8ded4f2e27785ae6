// `npx triage route "prompt"` (or `npm run route -- "prompt"`): the routing decision and why,
// computed by the Worker's own code in Node — the same zod request schema, wasm scorer, cascade
// gate (and ONNX classifier, warm), selector and bundled catalog as `POST /v1/route` — with every
// provider configured unless --providers narrows it. Run through tools/cli/triage.js.
import { isolateClassifier } from "../../src/classify/classifier-slot.ts";
import type { Env } from "../../src/env.ts";
import { RouterError } from "../../src/errors.ts";
import { planRoute, type RoutePlan } from "../../src/pipeline/plan-route.ts";
import { PROVIDERS } from "../../src/providers/registry.ts";
import { routeDecision } from "../../src/routes/route.ts";
import { parseChatRequest } from "../../src/schema/parse-request.ts";
import { toCanonicalRequest } from "../../src/schema/to-canonical.ts";
import { wranglerVars } from "../lib/wrangler-config.ts";
import { parseCliArgs, USAGE, type CliOptions } from "./args.ts";
import { explainScore } from "./explain.ts";
import { printHuman } from "./print.ts";

function cliEnv(options: CliOptions): Env {
  const kv = new Map<string, string>();
  const env: Record<string, unknown> = {
    ...wranglerVars(),
    PRICING: { get: async (k: string) => kv.get(k) ?? null, put: async (k: string, v: string) => void kv.set(k, v) },
    ROUTER_CLASSIFIER: options.classifier,
  };
  // Every provider reachable (as with all keys set), unless --providers lists some.
  const wanted = options.providers ? new Set(options.providers) : undefined;
  for (const provider of PROVIDERS) {
    if (wanted && !wanted.has(provider.id)) continue;
    env[`${provider.envPrefix}_API_KEY`] = "cli-unused";
    if (!env[`${provider.envPrefix}_BASE_URL`]) env[`${provider.envPrefix}_BASE_URL`] = "https://cli.invalid/v1";
  }
  return env as Env;
}

async function plan(env: Env, body: Record<string, unknown>): Promise<RoutePlan> {
  const parsed = parseChatRequest(body);
  const pending: Promise<unknown>[] = [];
  const ctx = { env, headers: new Headers(), waitUntil: (p: Promise<unknown>) => void pending.push(p) };
  let result = await planRoute(ctx, parsed, toCanonicalRequest(parsed));
  if (result.decision.stage === "heuristic-pending") {
    // A fresh isolate answers the first uncertain prompts while the classifier loads; a warm one
    // asks it. Show the warm answer: wait for the load, then decide again.
    await isolateClassifier.settled();
    result = await planRoute(ctx, parsed, toCanonicalRequest(parsed));
  }
  await Promise.allSettled(pending);
  return result;
}

async function main(argv: string[]): Promise<number> {
  const parsed = parseCliArgs(argv);
  if ("help" in parsed) {
    console.log(USAGE);
    return 0;
  }
  if ("error" in parsed) {
    console.error(`triage: ${parsed.error}\n\n${USAGE}`);
    return 2;
  }
  const options = parsed;
  const env = cliEnv(options);
  try {
    const body = options.body;
    const result = await plan(env, body);
    const explanation = explainScore(toCanonicalRequest(parseChatRequest(body)));
    const decision = routeDecision(result, "cli");
    if (options.json) {
      console.log(JSON.stringify({ ...decision, explanation }, null, 2));
    } else {
      printHuman(options, result, decision, explanation);
    }
    return 0;
  } catch (error) {
    if (error instanceof RouterError) {
      const envelope = error.toEnvelope();
      if (options.json) console.log(JSON.stringify(envelope, null, 2));
      else
        console.error(`triage: ${envelope.error.message}${envelope.error.param ? ` (${envelope.error.param})` : ""}`);
      return 1;
    }
    throw error;
  }
}

const code = await main(process.argv.slice(2));
// Exit once the output is flushed: the catalog loader's first-load timer would otherwise keep Node
// alive for its full 2 s.
process.stdout.write("", () => process.exit(code));
