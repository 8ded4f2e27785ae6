// Reads a normalised data file (see ../shared/data/README.md) and the price table, and turns rows
// into replay rows: router score (the Worker's own wasm scorer), token estimates, outcomes.
import { readFileSync } from "node:fs";
import { promptView } from "../../../src/score/prompt-view.ts";
import type { Scorer } from "../../../src/score/scorer.ts";
import type { CanonicalRequest } from "../../../src/schema/canonical.ts";
import { estimateInputTokens } from "../../../src/select/estimate-tokens.ts";
import type { Price, ReplayRow } from "./replay-lib.ts";

interface DataRow {
  id: string;
  prompt: string;
  split: string;
  outcomes: Record<string, number>;
  meta?: { output_chars?: Record<string, number> };
}

/** `pricing-2024.json` -> { model: { input, output } } (USD per million tokens). */
export function loadPrices(path: string): Record<string, Price> {
  const json = JSON.parse(readFileSync(path, "utf8")) as {
    models: Record<string, { input_usd_per_mtok: number; output_usd_per_mtok: number }>;
  };
  return Object.fromEntries(
    Object.entries(json.models).map(([name, p]) => [
      name,
      { input: p.input_usd_per_mtok, output: p.output_usd_per_mtok },
    ]),
  );
}

export function loadRows(path: string, allPrices: Record<string, Price>, scorer: Scorer) {
  const data = readFileSync(path, "utf8")
    .split("\n")
    .filter((line) => line.trim() !== "")
    .map((line) => JSON.parse(line) as DataRow);
  const present = new Set(data.flatMap((row) => Object.keys(row.outcomes)));
  const prices = Object.fromEntries(Object.entries(allPrices).filter(([name]) => present.has(name)));
  const models = Object.keys(prices);
  if (models.length < 2)
    throw new Error(`${path}: fewer than two priced outcome models (${models.join(", ") || "none"})`);
  const rows: ReplayRow[] = [];
  let skipped = 0;
  for (const row of data) {
    if (!models.every((m) => typeof row.outcomes[m] === "number")) {
      skipped += 1;
      continue;
    }
    const request: CanonicalRequest = {
      messages: [{ role: "user", content: [{ type: "text", text: row.prompt }] }],
      stream: false,
      includeUsage: false,
    };
    const chars = row.meta?.output_chars ?? {};
    rows.push({
      id: row.id,
      split: row.split,
      score: scorer.score(promptView(request)).score,
      inputTokens: estimateInputTokens(request),
      outcomes: Object.fromEntries(models.map((m) => [m, row.outcomes[m]!])),
      outputTokens: Object.fromEntries(
        models.filter((m) => chars[m] !== undefined).map((m) => [m, Math.ceil(chars[m]! / 4)]),
      ),
    });
  }
  return { rows, prices, skipped };
}
