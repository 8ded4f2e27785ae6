// `npm run --silent score -- FILE.jsonl [--boundaries a,b] [--band x]`: the router's
// decision for every row of a JSONL file (our data schema: at least `id` and
// `prompt`, optional `turns`), one JSON line each: {"id","score","tier","stage"}.
// The Worker's own code path (wasm scorer + cascade gate + ONNX classifier, see
// tools/lib/router/node-router.ts); tier defaults as the Worker's unless overridden.
// Reads the file as a stream, so large files need no memory; lines end at "\n" only (U+2028 and
// U+2029 are legal inside JSON strings: node:readline would split a row there). Bad rows are
// reported on stderr with their line number and skipped (exit code 1 at the end).
import { createReadStream } from "node:fs";
import { parseArgs } from "node:util";
import { createNodeRouter } from "../lib/router/node-router.ts";

const { values, positionals } = parseArgs({
  options: { boundaries: { type: "string" }, band: { type: "string" } },
  allowPositionals: true,
});
if (positionals.length !== 1) {
  console.error("usage: npm run --silent score -- FILE.jsonl [--boundaries a,b] [--band x]");
  process.exit(2);
}
const boundaries = values.boundaries?.split(",").map(Number) as [number, number] | undefined;
const router = await createNodeRouter({
  ...(boundaries ? { boundaries } : {}),
  ...(values.band !== undefined ? { uncertaintyBand: Number(values.band) } : {}),
});

let failures = 0;
let lineNo = 0;
const out: string[] = [];
const flush = () => {
  if (out.length > 0) process.stdout.write(out.join("\n") + "\n");
  out.length = 0;
};
/** The file's lines, split on "\n" only ("\r\n" endings lose their "\r"). */
async function* jsonlLines(path: string): AsyncGenerator<string> {
  let rest = "";
  for await (const chunk of createReadStream(path, { encoding: "utf8" })) {
    const parts = (rest + chunk).split("\n");
    rest = parts.pop()!;
    for (const part of parts) yield part.endsWith("\r") ? part.slice(0, -1) : part;
  }
  if (rest) yield rest;
}

for await (const line of jsonlLines(positionals[0]!)) {
  lineNo++;
  if (line.trim() === "") continue;
  try {
    const row = JSON.parse(line) as { id?: unknown; prompt?: unknown; turns?: unknown };
    if (typeof row.prompt !== "string") throw new Error('"prompt" must be a string');
    if (row.turns !== undefined && !(Array.isArray(row.turns) && row.turns.every((t) => typeof t === "string"))) {
      throw new Error('"turns" must be an array of strings');
    }
    const decision = await router.decide({
      prompt: row.prompt,
      ...(row.turns ? { turns: row.turns as string[] } : {}),
    });
    out.push(JSON.stringify({ id: row.id ?? null, score: decision.score, tier: decision.tier, stage: decision.stage }));
    if (out.length >= 1000) flush();
  } catch (error) {
    failures++;
    console.error(`line ${lineNo}: ${error instanceof Error ? error.message : String(error)}`);
  }
}
flush();
if (failures > 0) process.exitCode = 1;
