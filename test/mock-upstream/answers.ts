// Deterministic answers: the same request always gets the same reply, and the
// reply names the model that was asked for, so tests can see where a request went.

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
  /** All prompt text, for a usage estimate. */
  promptChars: number;
}

export type MockAnswer =
  { kind: "text"; text: string } | { kind: "tool_calls"; calls: { id: string; name: string; arguments: string }[] };

/** Arguments that satisfy a simple JSON schema's required properties. */
function argumentsFor(tool: ToolSpec): string {
  const args: Record<string, unknown> = {};
  const properties = tool.parameters?.properties ?? {};
  for (const name of tool.parameters?.required ?? Object.keys(properties)) {
    const type = properties[name]?.type;
    args[name] = type === "number" || type === "integer" ? 1 : type === "boolean" ? true : type === "array" ? [] : "x";
  }
  return JSON.stringify(args);
}

export function answerFor(model: string, turn: MockTurn): MockAnswer {
  const wantsTool = turn.tools.length > 0 && turn.toolChoice !== "none" && turn.lastRole === "user";
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
        arguments: argumentsFor(tool),
      })),
    };
  }
  const echo = turn.lastText.replace(/\s+/g, " ").trim().slice(0, 120);
  return { kind: "text", text: `Mock answer from ${model}. You said: ${echo}` };
}

export const estimateTokens = (chars: number) => Math.max(1, Math.ceil(chars / 4));

/** Splits text into stream deltas the way providers do: a few words at a time. */
export function splitDeltas(text: string): string[] {
  const words = text.split(/(?<= )/);
  const deltas: string[] = [];
  for (let i = 0; i < words.length; i += 3) deltas.push(words.slice(i, i + 3).join(""));
  return deltas;
}
