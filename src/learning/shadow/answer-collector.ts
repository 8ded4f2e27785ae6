// The served answer, as a shadow comparison needs it: its text (bounded), its tool calls and
// its finish. Streams are observed as they pass to the client (nothing is held back or copied
// beyond the bound); `onEnd` runs once, with complete = false when the stream broke or the
// client went away.
import type { CanonicalResponse, FinishReason, StreamPart, Usage } from "../../schema/canonical.ts";
import { tapParts } from "../../stream/tap-parts.ts";

/** Characters of answer text kept for comparison. */
export const MAX_ANSWER_CHARS = 32_768;

export interface CollectedAnswer {
  text: string;
  toolCalls: { name: string; arguments: string }[];
  finishReason: FinishReason | undefined;
  usage: Usage | undefined;
  complete: boolean;
  /** Text or tool arguments were cut at MAX_ANSWER_CHARS: the answer checks cannot judge the copy. */
  truncated: boolean;
}

export function answerFromResponse(response: CanonicalResponse): CollectedAnswer {
  return {
    text: (response.content ?? "").slice(0, MAX_ANSWER_CHARS),
    toolCalls: response.toolCalls.map((call) => ({ name: call.name, arguments: call.arguments })),
    finishReason: response.finishReason,
    usage: response.usage,
    complete: true,
    truncated: (response.content?.length ?? 0) > MAX_ANSWER_CHARS,
  };
}

export function collectStream(
  parts: ReadableStream<StreamPart>,
  onEnd: (answer: CollectedAnswer) => void,
): ReadableStream<StreamPart> {
  const answer: CollectedAnswer = {
    text: "",
    toolCalls: [],
    finishReason: undefined,
    usage: undefined,
    complete: false,
    truncated: false,
  };
  return tapParts(parts, {
    failureEvent: "learning_record_failed",
    onPart(part) {
      if (part.type === "text-delta") {
        const room = MAX_ANSWER_CHARS - answer.text.length;
        if (part.text.length > room) answer.truncated = true;
        if (room > 0) answer.text += part.text.slice(0, room);
      } else if (part.type === "tool-call-delta") {
        const call = (answer.toolCalls[part.index] ??= { name: "", arguments: "" });
        if (part.name && !call.name) call.name = part.name;
        if (call.arguments.length < MAX_ANSWER_CHARS) call.arguments += part.argumentsDelta;
        else if (part.argumentsDelta) answer.truncated = true;
      } else if (part.type === "finish") answer.finishReason = part.finishReason;
      else if (part.type === "usage") answer.usage = part.usage;
    },
    onEnd(complete) {
      answer.complete = complete;
      onEnd(answer);
    },
  });
}
