// A data row (our JSONL schema: `prompt`, optional later user `turns`) as the
// canonical chat request the Worker would build, and what the scorer reads of it
// through the Worker's own promptView(). Training, evaluation and the batch scorer
// all go through here, so they read prompts exactly as the Worker does.
import type { CanonicalRequest } from "../../../src/schema/canonical.ts";
import { promptView } from "../../../src/score/prompt-view.ts";
import type { ScorerInput } from "../../../src/score/scorer.ts";

export interface PromptRow {
  prompt: string;
  /** Later user turns (no assistant replies are recorded in the data). */
  turns?: string[];
}

export function rowRequest(row: PromptRow): CanonicalRequest {
  const texts = [row.prompt, ...(row.turns ?? [])];
  return {
    messages: texts.map((text) => ({ role: "user" as const, content: [{ type: "text" as const, text }] })),
    stream: false,
    includeUsage: false,
  };
}

export function rowScorerInput(row: PromptRow): ScorerInput {
  return promptView(rowRequest(row));
}
