// `npm run score`: one JSON line per input row, from the same code path as the
// Worker (tools/lib/router/node-router.ts), and a clear error for a bad row.
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, it, onTestFinished } from "vitest";
import { GOLDEN_INPUTS } from "../../test/fixtures/scorer-golden-prompts.ts";
import { createNodeRouter } from "../lib/router/node-router.ts";

it("scores a JSONL file row by row, reports bad rows with their line number", async () => {
  const rows = GOLDEN_INPUTS.filter((g) => g.input.context === "" && g.input.primary.length < 10_000).map((g) => ({
    id: g.name,
    prompt: g.input.primary,
  }));
  rows.push({ id: "multi", prompt: "Tell me about Rome.", turns: ["And its history of law?"] } as never);
  const lines = rows.map((r) => JSON.stringify(r));
  lines.splice(2, 0, '{"id":"bad","prompt":42}');
  const dir = mkdtempSync(join(tmpdir(), "triage-score-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "in.jsonl");
  writeFileSync(file, lines.join("\n") + "\n\n");

  const run = spawnSync(process.execPath, ["tools/cli/score-batch.ts", file], { encoding: "utf8" });
  expect(run.status).toBe(1);
  expect(run.stderr).toMatch(/^line 3: "prompt" must be a string/m);
  const out = run.stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l));
  expect(out.map((o) => o.id)).toEqual(rows.map((r) => r.id));

  const router = await createNodeRouter();
  for (const [i, o] of out.entries()) {
    expect(Object.keys(o)).toEqual(["id", "score", "tier", "stage"]);
    const d = await router.decide(rows[i]!);
    expect(o).toEqual({ id: rows[i]!.id, score: d.score, tier: d.tier, stage: d.stage });
  }
}, 60_000);

it("reads lines by \\n only: a row with U+2028 or U+2029 inside a string is one row (arena-hard v2.0 row 103)", () => {
  const dir = mkdtempSync(join(tmpdir(), "triage-score-"));
  onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, "in.jsonl");
  const rows = [
    { id: "a", prompt: "first line\u2028second line" },
    { id: "b", prompt: "para one\u2029para two" },
    { id: "c", prompt: "plain" },
  ];
  // JSON.stringify leaves U+2028/U+2029 unescaped, as the shared data files do; \r\n endings are read too.
  writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\r\n") + "\n");
  expect(readFileSync(file, "utf8")).toContain("\u2028");
  const run = spawnSync(process.execPath, ["tools/cli/score-batch.ts", file], { encoding: "utf8" });
  expect(run.stderr).toBe("");
  expect(run.status).toBe(0);
  expect(
    run.stdout
      .trim()
      .split("\n")
      .map((l) => JSON.parse(l).id),
  ).toEqual(["a", "b", "c"]);
}, 60_000);
