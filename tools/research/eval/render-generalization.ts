// The generalization part of docs/evaluation.md (issue 15): the leave-one-set-out tables, the
// issue's done-when check against the naive probe, where the classifier is consulted, tier shares
// per set, and the category probe. Generated: edit the tools, not the file.
import type { LosoResult, LosoRouter } from "./leave-one-out.ts";
import type { ProbeResult } from "./category-probe.ts";
import { fixed, table, withInterval } from "../../lib/eval/markdown.ts";

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

const ROUTER_LABEL: Record<LosoRouter, string> = {
  scorer: "scorer (heuristic only)",
  cascade: "cascade (deployed)",
  probe: "naive probe, same rows",
  probe_issue: "naive probe, MMLU+GSM8K only",
  length: "prompt length",
};

/** The set's headline APGR: the mean over its pairs where it has several, else its stated pair. */
const headline = (f: LosoResult["folds"][number], r: LosoRouter) => f.meanOverPairs?.apgr[r] ?? f.stated.apgr[r];

export function losoTable(result: LosoResult): string {
  const routers: LosoRouter[] = ["cascade", "scorer", "probe", "probe_issue", "length"];
  const rows = result.folds.map((f) => {
    const pair = `\`${f.stated.pair.strong}\` vs \`${f.stated.pair.weak}\``;
    return [
      f.set,
      String(f.stated.prompts),
      pair,
      ...routers.map((r) => {
        const stated = withInterval(f.stated.apgr[r], f.stated.intervals[r]);
        const many = f.meanOverPairs ? `; ${fixed(f.meanOverPairs.apgr[r])} over ${f.meanOverPairs.pairs}` : "";
        return r === "cascade" ? `**${stated}**${many}` : `${stated}${many}`;
      }),
      `${fixed(f.stated.random.low)}–${fixed(f.stated.random.high)}`,
    ];
  });
  rows.push([
    "**mean of sets** (headline of each set)",
    "",
    "",
    ...routers.map((r) => {
      const cell = withInterval(result.mean[r].value, result.mean[r].interval);
      return r === "cascade" ? `**${cell}**` : cell;
    }),
    "",
  ]);
  rows.push([
    "worst set",
    "",
    "",
    ...routers.map((r) => `${fixed(result.worst[r].value)} (${result.worst[r].set})`),
    "",
  ]);
  return table(
    ["held-out set (test split)", "prompts", "stated pair", ...routers.map((r) => ROUTER_LABEL[r]), "random (95%)"],
    rows,
  );
}

/** The issue's done-when: the cascade above the naive probe on every set where a probe is above random. */
export function probeCheck(results: readonly LosoResult[]): string {
  const rows: string[][] = [];
  for (const res of results) {
    for (const f of res.folds) {
      for (const probe of ["probe", "probe_issue"] as const) {
        const p = headline(f, probe);
        if (!(p > 0.5)) continue;
        const c = headline(f, "cascade");
        rows.push([res.mode, f.set, ROUTER_LABEL[probe], fixed(p), fixed(c), c > p ? "met" : "**not met**"]);
      }
    }
  }
  if (rows.length === 0) return "No naive probe is above random on any held-out set.";
  return table(["mode", "held-out set", "probe", "probe APGR", "cascade APGR", "cascade above the probe"], rows);
}

/** APGR on fewer consulted prompts than this is noise (a tiny gap makes PGR explode): not averaged. */
export const MIN_CONSULTED = 30;

export function consultedTable(results: readonly LosoResult[]): string {
  const rows: string[][] = [];
  for (const res of results) {
    let n = 0;
    let s = 0;
    let c = 0;
    let k = 0;
    for (const f of res.folds) {
      const { prompts, scorer, classifier } = f.consulted;
      const counted = prompts >= MIN_CONSULTED && Number.isFinite(scorer) && Number.isFinite(classifier);
      rows.push([
        res.mode,
        f.set,
        String(prompts),
        counted ? fixed(scorer) : `(${fixed(scorer)}: too few)`,
        counted ? fixed(classifier) : `(${fixed(classifier)}: too few)`,
      ]);
      n += prompts;
      if (counted) {
        s += scorer;
        c += classifier;
        k++;
      }
    }
    rows.push([
      res.mode,
      `**mean over the ${k} sets with at least ${MIN_CONSULTED} consulted prompts**`,
      String(n),
      `**${fixed(s / k)}**`,
      `**${fixed(c / k)}**`,
    ]);
  }
  return table(["mode", "held-out set", "prompts consulted", "scorer APGR there", "classifier APGR there"], rows);
}

export interface TierShareRow {
  set: string;
  prompts: number;
  shares: Record<"simple" | "moderate" | "complex", number>;
  /** The outcomes say the whole set gains (or not) alike: a one-tier set is then no failure. */
  note?: string;
}

export function tierShareTable(rows: readonly TierShareRow[]): string {
  return table(
    ["set", "prompts", "simple", "moderate", "complex", "largest tier"],
    rows.map((r) => {
      const top = Math.max(r.shares.simple, r.shares.moderate, r.shares.complex);
      const flag = r.prompts >= 200 && top >= 0.95 ? "**≥ 95% in one tier**" : pct(top);
      return [r.set, String(r.prompts), pct(r.shares.simple), pct(r.shares.moderate), pct(r.shares.complex), flag];
    }),
  );
}

export function probeTable(result: ProbeResult): string {
  const rows: string[][] = [];
  for (const [source, cats] of Object.entries(result.medians)) {
    for (const [category, v] of Object.entries(cats).sort((a, b) => b[1].median - a[1].median)) {
      rows.push([source, category, String(v.prompts), fixed(v.median, 4)]);
    }
  }
  const failed = result.checks.filter((c) => !c.holds);
  const smallest = result.checks.reduce((a, b) => (b.margin < a.margin ? b : a));
  return [
    table(["source", "category", "prompts", "median score"], rows),
    "",
    failed.length === 0
      ? `All ${result.checks.length} required orderings hold; the smallest margin is ${fixed(smallest.margin, 4)} (${smallest.source}: ${smallest.higher} over ${smallest.lower}).`
      : `**${failed.length} of ${result.checks.length} required orderings fail**: ${failed.map((c) => `${c.source}: ${c.higher} ≤ ${c.lower}`).join("; ")}.`,
  ].join("\n");
}
