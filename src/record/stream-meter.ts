// Passes canonical stream parts through unchanged while noting when the first content arrived,
// when the stream ended and the final usage. `onEnd` runs once: on completion, error or cancel.
import type { StreamPart, Usage } from "../schema/canonical";
import { tapParts } from "../stream/tap-parts";

export interface StreamMeter {
  firstTokenAt: number | undefined;
  endAt: number;
  usage: Usage | undefined;
  completed: boolean;
}

export function meterStream(
  parts: ReadableStream<StreamPart>,
  now: () => number,
  onEnd: (meter: StreamMeter) => void,
): ReadableStream<StreamPart> {
  let firstTokenAt: number | undefined;
  let usage: Usage | undefined;
  return tapParts(parts, {
    failureEvent: "accounting_failed",
    onPart(part) {
      if (
        firstTokenAt === undefined &&
        (part.type === "text-delta" || part.type === "tool-call-delta" || part.type === "reasoning-delta")
      ) {
        firstTokenAt = now();
      }
      if (part.type === "usage") usage = part.usage;
    },
    onEnd: (completed) => onEnd({ firstTokenAt, endAt: now(), usage, completed }),
  });
}
