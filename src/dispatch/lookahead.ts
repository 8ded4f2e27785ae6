// The bounded look-ahead of a streamed answer: parts are held back (not sent to the
// client) until the answer can no longer fail a cheap check, a byte or time limit is
// reached, or the stream ends. Commit early in the common case: a text answer that does
// not open like a refusal commits on its first token.
import type { CanonicalRequest, CanonicalResponse, FinishReason, StreamPart, ToolCall } from "../schema/canonical.ts";
import { checkAnswer, jsonMode, type CheckFailure } from "./answer-check.ts";
import { mayBecomeRefusal } from "./refusal.ts";

export class AnswerSoFar {
  text = "";
  reasoningChars = 0;
  bytes = 0;
  finishReason: FinishReason | undefined;
  private readonly calls = new Map<number, ToolCall>();

  add(part: StreamPart): void {
    switch (part.type) {
      case "text-delta":
        this.text += part.text;
        this.bytes += part.text.length;
        break;
      case "reasoning-delta":
        this.reasoningChars += part.text.length;
        this.bytes += part.text.length;
        break;
      case "tool-call-delta": {
        const call = this.calls.get(part.index) ?? { id: part.id ?? "", name: part.name ?? "", arguments: "" };
        if (part.name) call.name = part.name;
        call.arguments += part.argumentsDelta;
        this.calls.set(part.index, call);
        this.bytes += part.argumentsDelta.length;
        break;
      }
      case "finish":
        this.finishReason = part.finishReason;
        break;
      default:
        break;
    }
  }

  get hasContent(): boolean {
    return this.text.length > 0 || this.calls.size > 0 || this.reasoningChars > 0;
  }

  toResponse(): CanonicalResponse {
    const toolCalls = [...this.calls.values()];
    return { content: this.text, toolCalls, finishReason: this.finishReason ?? "stop" };
  }
}

export type Verdict = { kind: "wait" } | { kind: "commit" } | { kind: "fail"; reason: CheckFailure };

/** Decides, after each part, whether the held-back answer may be released. */
export function streamVerdict(answer: AnswerSoFar, request: CanonicalRequest, ended: boolean): Verdict {
  if (ended) {
    const reason = checkAnswer(answer.toResponse(), request);
    return reason ? { kind: "fail", reason } : { kind: "commit" };
  }
  if (jsonMode(request)) {
    const first = answer.text.trimStart()[0];
    if (first !== undefined && first !== "{" && first !== "[") return { kind: "fail", reason: "invalid_json" };
    return { kind: "wait" }; // a JSON answer is judged whole (within the limits)
  }
  if (answer.toResponse().toolCalls.length > 0) return { kind: "wait" };
  if (answer.text.trim().length > 0) return mayBecomeRefusal(answer.text) ? { kind: "wait" } : { kind: "commit" };
  return { kind: "wait" };
}
