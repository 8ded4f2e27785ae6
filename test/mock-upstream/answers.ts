// Deterministic answers: the same request always gets the same reply, and the
// reply names the model that was asked for, so tests can see where a request went.
import type { BadAnswer } from "./faults.ts";

export interface ToolSpec {
  name: string;
  parameters?: { properties?: Record<string, { type?: string }>; required?: string[] };
}

export interface MockTurn {
  /** Text of the last user (or tool) message. */
  lastText: string;
  lastRole: "user" | "tool" | "assistant" | "system";
  tools: ToolSpec[];
  /** "none" disables tool calls; a name forces that tool. */
  toolChoice?: "none" | "auto" | "required" | { name: string };
  /** JSON mode (response_format / responseMimeType): answer with a JSON object. */
  json?: boolean;
  /** All prompt text, for a usage estimate. */
  promptChars: number;
  /** Token log probabilities were asked for (OpenAI's logprobs). */
  logprobs?: boolean;
  /** Extended thinking is on (Anthropic): the answer opens with a signed thinking block. */
  thinking?: boolean;
}

export type MockAnswer =
  | { kind: "text"; text: string; finish?: "stop" | "length" }
  | { kind: "tool_calls"; calls: { id: string; name: string; arguments: string }[] };

const WRONG: Record<string, unknown> = {
  string: 12345,
  number: "not-a-number",
  integer: "not-an-integer",
  boolean: "yes",
  array: {},
  object: "x",
};

/** Arguments that satisfy a simple JSON schema's required properties (or violate them, when `bad`). */
function argumentsFor(tool: ToolSpec, bad: boolean): string {
  const args: Record<string, unknown> = {};
  const properties = tool.parameters?.properties ?? {};
  const names = tool.parameters?.required ?? Object.keys(properties);
  if (bad && names.length === 0) return '{"unterminated": ';
  for (const name of names) {
    const type = properties[name]?.type ?? "string";
    if (bad) args[name] = WRONG[type] ?? null;
    else
      args[name] =
        type === "number" || type === "integer"
          ? 1
          : type === "boolean"
            ? true
            : type === "array"
              ? []
              : type === "object"
                ? {}
                : "x";
  }
  return JSON.stringify(args);
}

function badText(model: string, bad: BadAnswer): MockAnswer | undefined {
  switch (bad) {
    case "empty":
      return { kind: "text", text: "" };
    case "refusal":
      return { kind: "text", text: "I'm sorry, but I can't help with that." };
    case "length":
      return { kind: "text", text: `Mock answer from ${model}, cut short because it ran`, finish: "length" };
    case "invalid_json":
      return { kind: "text", text: 'Sure! Here is the JSON you asked for: {"answer": ' };
    default:
      return undefined;
  }
}

export function answerFor(model: string, turn: MockTurn, bad?: BadAnswer): MockAnswer {
  const wantsTool = turn.tools.length > 0 && turn.toolChoice !== "none" && turn.lastRole === "user";
  if (bad && bad !== "bad_tool_args") return badText(model, bad)!;
  if (wantsTool) {
    const forced = typeof turn.toolChoice === "object" ? turn.toolChoice.name : undefined;
    // "[[parallel]]" in the prompt asks for one call per tool, to exercise parallel tool calls.
    const tools = forced
      ? turn.tools.filter((tool) => tool.name === forced)
      : turn.lastText.includes("[[parallel]]")
        ? turn.tools
        : turn.tools.slice(0, 1);
    return {
      kind: "tool_calls",
      calls: tools.map((tool, index) => ({
        id: `call_${index}_${tool.name}`,
        name: tool.name,
        arguments: argumentsFor(tool, bad === "bad_tool_args"),
      })),
    };
  }
  const echo = turn.lastText.replace(/\s+/g, " ").trim().slice(0, 120);
  const text = `Mock answer from ${model}. You said: ${echo}`;
  if (turn.json) return { kind: "text", text: JSON.stringify({ answer: text, model }) };
  return { kind: "text", text };
}

export const estimateTokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

/** Splits text into stream deltas the way providers do: a few words at a time. */
export function splitDeltas(text: string): string[] {
  const words = text.split(/(?<= )/);
  const deltas: string[] = [];
  for (let i = 0; i < words.length; i += 3) deltas.push(words.slice(i, i + 3).join(""));
  return deltas;
}

/** Parses tool arguments for protocols that carry them as objects; bad JSON becomes a marker object. */
export function argsObject(text: string): Record<string, unknown> {
  try {
    const value = JSON.parse(text) as unknown;
    if (value && typeof value === "object" && !Array.isArray(value)) return value as Record<string, unknown>;
  } catch {
    // fall through
  }
  return { __unparseable: text };
}
