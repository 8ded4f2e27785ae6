// Human-readable output of `triage route`.
import type { RoutePlan } from "../../src/pipeline/plan-route.ts";
import type { routeDecision } from "../../src/routes/route.ts";
import type { CliOptions } from "./args.ts";
import type { Explanation } from "./explain.ts";

const color = process.stdout.isTTY && !process.env.NO_COLOR;
const paint = (code: string) => (text: string) => (color ? `\x1b[${code}m${text}\x1b[0m` : text);
const bold = paint("1");
const dim = paint("2");
const green = paint("32");
const red = paint("31");

const usd = (value: number) =>
  value >= 1 ? `$${value.toFixed(2)}` : value >= 0.01 ? `$${value.toFixed(4)}` : `$${value.toPrecision(3)}`;
const num = (value: number) =>
  Number.isInteger(value) ? String(value) : Math.abs(value) >= 10 ? value.toFixed(1) : value.toFixed(3);
const signed = (value: number) => `${value >= 0 ? "+" : "−"}${Math.abs(value).toFixed(3)}`;

/** How many contributions to list, and features to name. */
const TOP = 8;

export function printHuman(
  options: CliOptions,
  plan: RoutePlan,
  decision: ReturnType<typeof routeDecision>,
  why: Explanation,
): void {
  const out: string[] = [];
  const preview = options.prompt.replace(/\s+/g, " ").trim();
  out.push(
    `${bold("Triage route")}  ${dim(`"${preview.length > 72 ? `${preview.slice(0, 71)}…` : preview}"`)} ${dim(`(${options.prompt.length} chars, ~${plan.inputTokens} tokens in, ~${plan.outputTokens} out)`)}`,
    "",
  );
  const tier =
    decision.tier === decision.decided_tier ? decision.tier : `${decision.tier} (decided ${decision.decided_tier})`;
  out.push(
    `  ${bold("tier")}       ${bold(tier)}   score ${num(decision.score)}, confidence ${num(decision.confidence)}${decision.uncertain ? ", uncertain" : ""}`,
    `  ${bold("stage")}      ${decision.stage}${decision.stage === "classifier" ? dim(`  (heuristic score was ${num(why.score)})`) : ""}`,
    `  ${bold("objective")}  ${decision.objective}    floor: ${decision.tier_floor.join(", ")}${decision.tier_cap ? `    cap: ${JSON.stringify(decision.tier_cap)}` : ""}`,
  );
  const [chosen, ...fallbacks] = decision.candidates;
  const baseline = decision.baseline;
  const saving = baseline.est_cost_usd > 0 ? 1 - chosen!.est_cost_usd / baseline.est_cost_usd : 0;
  out.push(
    `  ${bold("model")}      ${green(chosen!.model)}   est. ${usd(chosen!.est_cost_usd)}, ~${chosen!.est_latency_ms} ms`,
    `  ${bold("baseline")}   ${baseline.model}   est. ${usd(baseline.est_cost_usd)}   → ${saving >= 0 ? green(`${(saving * 100).toFixed(0)} % cheaper`) : red(`${(-saving * 100).toFixed(0)} % dearer`)}`,
  );
  if (fallbacks.length) {
    out.push(`  ${bold("fallbacks")}  ${fallbacks.map((c) => `${c.model} ${dim(usd(c.est_cost_usd))}`).join(", ")}`);
  }
  const topics = why.topics.filter((t) => t.share >= 0.05).slice(0, 4);
  out.push(
    "",
    `  ${bold("why")} ${dim("z = Σ weight × feature (the prompt's need for a stronger model against a typical prompt); score = sigmoid(z)")}`,
    `    ${dim("topics:")} ${topics.length ? topics.map((t) => `${t.topic} ${num(t.share)}`).join(", ") : dim("none recognised")}`,
  );
  for (const c of why.inputs.slice(0, TOP)) {
    const text = `${signed(c.contribution)}  ${c.feature.padEnd(24)} ${dim(`= ${num(c.value)}`)}`;
    out.push(`    ${c.contribution >= 0 ? green(text.slice(0, 6)) : red(text.slice(0, 6))}${text.slice(6)}`);
  }
  out.push(
    `    ${dim(`z = ${signed(why.z)}, score ${num(why.score)}`)}`,
    "",
    dim(
      `  ${green("+")} needs a stronger model more than a typical prompt, ${red("−")} less. Catalog v${decision.catalog_version}; the same code as POST /v1/route.`,
    ),
  );
  console.log(out.join("\n"));
}
