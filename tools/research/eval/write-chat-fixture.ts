// Writes test/fixtures/chat-prompts.jsonl.gz: every arena prompt of the shared data (arena-bench-v1,
// arena-hard v0.1 and v2.0: real user requests) and the HumanEval tasks, prompts and public categories
// only, so the category probe and the chat top-tier share are tests that need no ../shared at run time.
//   node tools/research/eval/write-chat-fixture.ts [data-dir=../shared/data]
// Sources are Apache-2.0 (lmarena/arena-hard-auto, LMSYS-Chat-1M prompts) and MIT (openai/human-eval):
// attribution in test/fixtures/README-chat-prompts.md.
import { writeFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { readDataFile } from "../../lib/eval/data.ts";

export const CHAT_FIXTURE = "test/fixtures/chat-prompts.jsonl.gz";
/** Real chat prompts: the "all 1,549 arena prompts". */
export const CHAT_FIXTURE_SETS = ["arena-bench-v1", "arena-hard-v0.1", "arena-hard-v2.0"] as const;

export interface FixturePrompt {
  id: string;
  set: string;
  /** arena-hard v2.0: its subcategory (coding, math, creative_writing); v0.1: its topic cluster; HumanEval: code. */
  category: string | null;
  prompt: string;
}

if (import.meta.main) {
  const dir = parseArgs({ allowPositionals: true }).positionals[0] ?? "../shared/data";
  const rows: FixturePrompt[] = [];
  for (const set of [...CHAT_FIXTURE_SETS, "humaneval"]) {
    for (const r of readDataFile(dir, set).rows) {
      const category = set === "arena-hard-v2.0" ? ((r.meta.subcategory as string) ?? r.category) : r.category;
      rows.push({ id: r.id, set, category, prompt: r.prompt });
    }
  }
  const text = `${rows.map((r) => JSON.stringify(r)).join("\n")}\n`;
  writeFileSync(CHAT_FIXTURE, gzipSync(text, { level: 9 }));
  console.log(`wrote ${CHAT_FIXTURE}: ${rows.length} prompts`);
}
